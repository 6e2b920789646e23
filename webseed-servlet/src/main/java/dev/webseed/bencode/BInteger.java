package dev.webseed.bencode;

/** A bencoded integer ({@code i<base10>e}); BEP 3 sets no bound, we hold 64 bits. */
public record BInteger(long value) implements BValue {
    public static BInteger of(long value) {
        return new BInteger(value);
    }
}
