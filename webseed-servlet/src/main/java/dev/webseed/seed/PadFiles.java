package dev.webseed.seed;

import java.util.List;
import java.util.OptionalLong;

/**
 * Recognises BEP 47 pad-file paths (W11).
 *
 * <p>A v1+v2 hybrid or padded multi-file torrent lists files whose path is {@code .pad/<N>}; they
 * hold N zero bytes that exist only to align the next file to a piece boundary. BEP 19 clients that
 * don't skip them (aria2 1.36, WebTorrent 3) ask for {@code <base><name>/.pad/<N>} and stall on a
 * 404, so the webseed answers such a path with N zeros.</p>
 *
 * <p>Policy: the last two segments are {@code .pad} and a decimal N without leading zeros, 1 to
 * {@link #MAX_PAD_BYTES}; and the segments before them (the torrent's name, possibly below
 * folders) must resolve to a servable folder of the content root. A pad never exceeds one piece,
 * and pieces are at most 64 MiB. Requiring the folder keeps the endpoint from answering 200 to
 * arbitrary made-up paths; serving zeros leaks nothing either way.</p>
 */
final class PadFiles {
    /** Largest pad file served: the largest piece length Webseed allows (64 MiB). */
    static final long MAX_PAD_BYTES = 64L << 20;

    private static final String PAD_FOLDER = ".pad";

    private PadFiles() {
    }

    /** The pad length when the path is {@code <prefix...>/.pad/<N>} with a non-empty prefix, else empty. */
    static OptionalLong padLength(List<String> segments) {
        int n = segments.size();
        if (n < 3 || !segments.get(n - 2).equals(PAD_FOLDER)) {
            return OptionalLong.empty();
        }
        String digits = segments.get(n - 1);
        if (digits.isEmpty() || digits.length() > 9 || digits.charAt(0) == '0') {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_PAD_BYTES ? OptionalLong.of(value) : OptionalLong.empty();
    }

    /** The segments before {@code .pad/<N>}: the folder of the torrent the pad belongs to. */
    static List<String> prefix(List<String> segments) {
        return segments.subList(0, segments.size() - 2);
    }
}
