package io.gan4j.experiments;

/** A command's arguments are wrong in a way picocli cannot check (e.g. an unsupported output file type). */
public final class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }
}
