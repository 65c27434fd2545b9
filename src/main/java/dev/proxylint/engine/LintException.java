package dev.proxylint.engine;

/**
 * A run that cannot go on: unreadable input, bad configuration, or an internal error. The CLI prints
 * the message as one line ({@code proxylint: error: …}) and exits 2.
 */
public final class LintException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean internal;

    public LintException(String message) {
        this(message, null, false);
    }

    public LintException(String message, Throwable cause, boolean internal) {
        super(message, cause);
        this.internal = internal;
    }

    /** A bug in proxylint rather than in the input: the CLI suggests rerunning with --debug. */
    public boolean internal() {
        return internal;
    }
}
