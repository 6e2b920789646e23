package dev.webseed.paygate;

import java.util.Arrays;
import java.util.Base64;

/**
 * Strict base64url without padding (RFC 4648 §5): only {@code A-Z a-z 0-9 - _}, no {@code =}, no
 * line breaks, and the unused low bits of the last character must be zero, so every byte string has
 * exactly one text form and a token cannot be re-spelt into a second string with the same meaning.
 */
final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** The bytes of {@code text[from, to)}, or null when that is not canonical unpadded base64url. */
    static byte[] decode(String text, int from, int to) {
        int n = to - from;
        if (n <= 0 || n % 4 == 1) {
            return null;
        }
        byte[] out = new byte[n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1)];
        int bits = 0;
        int count = 0;
        int o = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                return null;
            }
            bits = bits << 6 | v;
            count += 6;
            if (count >= 8) {
                count -= 8;
                out[o++] = (byte) (bits >> count);
                bits &= (1 << count) - 1;
            }
        }
        // leftover bits (2 or 4) must be zero: the canonical spelling
        return bits == 0 ? out : null;
    }

    /** True when every character is in the base64url alphabet (cheap pre-check, no decoding). */
    static boolean isAlphabet(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 128 || VALUES[c] < 0) {
                return false;
            }
        }
        return true;
    }
}
