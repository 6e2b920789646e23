package dev.webseed.metainfo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A v1 info-hash: the SHA-1 of the bencoded {@code info} dictionary exactly as found (BEP 3),
 * 20 bytes. Also the key of a swarm on the tracker.
 */
public final class InfoHash implements Comparable<InfoHash> {
    public static final int LENGTH = 20;
    private final byte[] bytes;

    private InfoHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException unless exactly 20 bytes */
    public static InfoHash of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an info-hash has 20 bytes, not " + bytes.length);
        }
        return new InfoHash(bytes.clone());
    }

    /** The SHA-1 of the given encoded info dictionary. */
    public static InfoHash ofInfo(byte[] encodedInfo) {
        try {
            return new InfoHash(MessageDigest.getInstance("SHA-1").digest(encodedInfo));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }

    /** @throws IllegalArgumentException unless 40 hex digits */
    public static InfoHash fromHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an info-hash is 40 hex digits");
        }
        return new InfoHash(HexFormat.of().parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, as in magnet links ({@code xt=urn:btih:…}, BEP 9). */
    public String hex() {
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
    }

    @Override
    public int compareTo(InfoHash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfoHash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        // SHA-1 output is uniformly distributed; the first four bytes make a good hash
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    @Override
    public String toString() {
        return hex();
    }
}
