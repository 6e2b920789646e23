package dev.webseed.servlet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the raw (still percent-encoded) path of a request into a relative content path,
 * segment by segment: {@code %xx} in either case (libtorrent sends lower case, W9),
 * strict UTF-8, {@code +} is a literal plus (RFC 3986 paths have no form encoding). A decoded
 * segment must not contain {@code /} or NUL (an encoded slash could otherwise make a new segment).
 */
final class TorrentRequestPath {

    /** A path that cannot be decoded; {@code status} is the HTTP answer. */
    static final class BadPath extends Exception {
        final int status;

        BadPath(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private TorrentRequestPath() {
    }

    /**
     * @param raw      the raw path below the servlet mapping, without the leading {@code /}
     * @param maxBytes most decoded bytes accepted ({@code maxPathBytes})
     * @throws BadPath 400 for malformed encoding, 414 when too long
     */
    static String decode(String raw, int maxBytes) throws BadPath {
        if (raw.length() > 3L * maxBytes) {
            throw new BadPath(414, "path longer than " + maxBytes + " bytes (maxPathBytes)");
        }
        String[] segments = raw.split("/", -1);
        StringBuilder path = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < segments.length; i++) {
            byte[] decoded = percentDecode(segments[i]);
            bytes += decoded.length + (i > 0 ? 1 : 0);
            if (bytes > maxBytes) {
                throw new BadPath(414, "path longer than " + maxBytes + " bytes (maxPathBytes)");
            }
            String segment;
            try {
                segment = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
            } catch (CharacterCodingException e) {
                throw new BadPath(400, "path is not valid UTF-8");
            }
            if (segment.indexOf('/') >= 0 || segment.indexOf('\0') >= 0) {
                throw new BadPath(400, "path segment contains an encoded '/' or NUL");
            }
            if (i > 0) {
                path.append('/');
            }
            path.append(segment);
        }
        return path.toString();
    }

    private static byte[] percentDecode(String segment) throws BadPath {
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        byte[] raw = segment.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%') {
                if (i + 2 >= raw.length) {
                    throw new BadPath(400, "truncated percent-escape in path");
                }
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new BadPath(400, "bad percent-escape in path");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
