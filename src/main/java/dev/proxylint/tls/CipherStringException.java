package dev.proxylint.tls;

/**
 * A cipher string OpenSSL would reject: {@code SSL_CTX_set_cipher_list} fails with "invalid
 * command" (a malformed item) or "no cipher match" (nothing selected for TLS 1.2 and below).
 */
public final class CipherStringException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which of OpenSSL's two errors this is. */
    public enum Kind { INVALID_COMMAND, NO_CIPHER_MATCH }

    private final Kind kind;
    private final int offset;

    public CipherStringException(Kind kind, int offset, String message) {
        super(message);
        this.kind = kind;
        this.offset = offset;
    }

    public Kind kind() {
        return kind;
    }

    /** 0-based offset in the evaluated string of the offending item, or -1 when none applies. */
    public int offset() {
        return offset;
    }
}
