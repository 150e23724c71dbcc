package io.gan4j.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.function.Function;

/** Why a file could not be read, in words for the one-line messages that name the file. */
public final class FileErrors {
    private FileErrors() {
    }

    /**
     * "no such file" or "permission denied" for those two failures, else what {@code otherwise} says of {@code e}
     * (each reader words the rest for its own kind of file).
     */
    public static String reason(IOException e, Function<IOException, String> otherwise) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return otherwise.apply(e);
    }
}
