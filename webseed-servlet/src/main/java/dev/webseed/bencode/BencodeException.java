package dev.webseed.bencode;

/**
 * Malformed or over-limit bencode. Carries the byte offset where decoding stopped, so a caller
 * can say exactly what was wrong with a peer's or an operator's input.
 */
public final class BencodeException extends RuntimeException {
    private final long offset;

    public BencodeException(String message, long offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
