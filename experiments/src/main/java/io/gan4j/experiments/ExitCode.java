package io.gan4j.experiments;

import io.gan4j.core.backend.UnsupportedGpuException;
import io.gan4j.core.checkpoint.CheckpointException;
import io.gan4j.core.api.ConfigException;
import io.gan4j.core.data.DataException;
import io.gan4j.core.run.RunInUseException;
import io.gan4j.core.run.RunDirectoryException;
import io.gan4j.core.train.DivergenceException;
import picocli.CommandLine;

/** The process exit codes, and which failure maps to which. */
final class ExitCode {
    /** Success. */
    static final int OK = 0;
    /** Anything unexpected. */
    static final int FAILURE = 1;
    /** The user's input is wrong: config, command-line arguments, data files, run directories or checkpoints; or the GPU. */
    static final int INPUT = 2;
    /** Training diverged (a loss became NaN or infinite). */
    static final int DIVERGED = 3;
    /** Results could not be written: the disk is full, the output folder is not writable... */
    static final int OUTPUT = 4;

    private ExitCode() {
    }

    static int of(Throwable e) {
        if (e instanceof ConfigException || e instanceof DataException || e instanceof CheckpointException
                || e instanceof CommandLine.ParameterException || e instanceof UserInputException
                || e instanceof UnsupportedGpuException || e instanceof RunInUseException
                || e instanceof RunDirectoryException) {
            return INPUT;
        }
        if (e instanceof DivergenceException) {
            return DIVERGED;
        }
        if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            return OUTPUT;
        }
        return FAILURE;
    }
}
