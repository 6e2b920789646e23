package dev.webseed.jetty.cli;

/** A command line that cannot be run: unknown option, missing or bad value. Exit code 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
