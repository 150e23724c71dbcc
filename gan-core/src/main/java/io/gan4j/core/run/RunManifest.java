package io.gan4j.core.run;

import io.gan4j.core.backend.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a run directory: what ran, with what, and how each session (the first
 * {@code train} and every {@code resume}) ended. Rewritten atomically at each session's start and end.
 *
 * @param format       layout version
 * @param name         experiment name
 * @param variant      the variant's registry name
 * @param configSource the config file as the user named it
 * @param configSha256 hash of {@code config.resolved.json}'s canonical form (of the latest session)
 * @param masterSeed   the experiment's seed
 * @param seeds        every derived seed handed out (component → seed)
 * @param data         the training data's description
 * @param deterministic whether a rerun with the same config on the same kind of machine gives identical
 *                     metrics (true on CPU: every random draw is a function of the seeds and the step)
 * @param provenance   versions and machine of the latest session
 * @param sessions     one entry per train/resume invocation, oldest first
 */
public record RunManifest(int format, String name, String variant, String configSource, String configSha256,
                          long masterSeed, Map<String, Long> seeds, String data, boolean deterministic,
                          Provenance provenance, List<Session> sessions) {

    /** Current layout version. */
    public static final int FORMAT = 1;

    /**
     * @param command    {@code train} or {@code resume}
     * @param overrides  the {@code --set} overrides of this session
     * @param fromStep   the step training started after (0, or the resumed checkpoint's step)
     * @param toStep     the last completed step, null while running
     * @param iterations the configured last step
     * @param startedAt  ISO-8601 start time
     * @param endedAt    ISO-8601 end time, null while running
     * @param status     running, completed, interrupted (Ctrl-C or SIGTERM, resumable), diverged, failed, or killed
     *                   (the process ended without recording its end: kill -9, power loss; found by the next writer
     *                   or a listing, see {@link RunLock})
     * @param message    the error or divergence message, if any
     * @param pid        the process that ran the session (null in manifests written before it was recorded)
     * @param host       the machine it ran on (null likewise)
     */
    public record Session(String command, List<String> overrides, long fromStep, Long toStep, long iterations,
                          String startedAt, String endedAt, String status, String message, Long pid, String host) {

        /** This session, ended now with {@code status}, its last step and message. */
        public Session ended(Long lastStep, String endStatus, String endMessage, String endedAtTime) {
            return new Session(command, overrides, fromStep, lastStep, iterations, startedAt, endedAtTime, endStatus,
                    endMessage, pid, host);
        }
    }

    /** Session status while the session's process is writing the run. */
    public static final String RUNNING = "running";
    /** Session status of a process that ended without recording it. */
    public static final String KILLED = "killed";

    /** The status of the latest session. */
    public String status() {
        return sessions.isEmpty() ? "unknown" : sessions.get(sessions.size() - 1).status();
    }

    /**
     * The status as it is now: a latest session recorded as {@value #RUNNING} whose run nobody holds (no live writer,
     * see {@link RunLock#holder}) was killed.
     *
     * @param writerAlive whether a process holds the run's write lock
     */
    public String status(boolean writerAlive) {
        String recorded = status();
        return RUNNING.equals(recorded) && !writerAlive ? KILLED : recorded;
    }

    /**
     * This manifest with a latest session still marked {@value #RUNNING} marked {@value #KILLED}; for the next
     * writer, who holds the lock and so knows that session's process is gone.
     */
    public RunManifest withDeadSessionMarked() {
        if (sessions.isEmpty() || !RUNNING.equals(status())) {
            return this;
        }
        Session last = sessions.get(sessions.size() - 1);
        String who = last.pid() == null ? "its process" : "process " + last.pid() + " on " + last.host();
        return withLastSession(last.ended(last.toStep(), KILLED, who + " ended without recording its end"
                + " (killed, or the machine stopped); found by the next writer", null));
    }

    /** This manifest with {@code session} appended. */
    public RunManifest withSession(Session session, Provenance current, String sha, Map<String, Long> currentSeeds) {
        List<Session> all = new ArrayList<>(sessions);
        all.add(session);
        return new RunManifest(format, name, variant, configSource, sha, masterSeed, currentSeeds, data, deterministic,
                current, all);
    }

    /** This manifest with its latest session replaced by {@code session}. */
    public RunManifest withLastSession(Session session) {
        List<Session> all = new ArrayList<>(sessions);
        all.set(all.size() - 1, session);
        return new RunManifest(format, name, variant, configSource, configSha256, masterSeed, seeds, data,
                deterministic, provenance, all);
    }
}
