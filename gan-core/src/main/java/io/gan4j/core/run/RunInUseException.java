package io.gan4j.core.run;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A run directory is being written by another process (or another session of this one): a second writer stops
 * before writing anything. A user error, not a failure: the message names the holder.
 */
public final class RunInUseException extends RuntimeException {
    private final transient Optional<RunLock.Holder> holder;

    public RunInUseException(Path runDir, Optional<RunLock.Holder> holder) {
        super("run " + runDir + " is in use by " + holder.map(h -> "process " + h.pid() + " on " + h.host()
                + " since " + h.since()).orElse("another process") + "; wait for it to finish, or stop it first");
        this.holder = holder;
    }

    /** The writer that holds the run, when its lock file could be read. */
    public Optional<RunLock.Holder> holder() {
        return holder;
    }
}
