package dev.webseed.servlet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A minimal, strict reader of {@code multipart/byteranges} bodies for assertions (RFC 9110 §14.6). */
final class MultipartParts {
    record Part(String contentType, String contentRange, byte[] body) {
    }

    private MultipartParts() {
    }

    static String boundary(String contentType) {
        String marker = "boundary=";
        int at = contentType.indexOf(marker);
        if (!contentType.startsWith("multipart/byteranges") || at < 0) {
            throw new AssertionError("not multipart/byteranges: " + contentType);
        }
        return contentType.substring(at + marker.length());
    }

    /** Parses every part, using each part's Content-Range to know its length. */
    static List<Part> parse(byte[] body, String contentType) {
        String boundary = boundary(contentType);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        while (true) {
            if (parts.size() > 0) {
                expect(body, pos, "\r\n".getBytes(StandardCharsets.US_ASCII));
                pos += 2;
            }
            expect(body, pos, delimiter);
            pos += delimiter.length;
            if (body[pos] == '-' && body[pos + 1] == '-') {
                expect(body, pos + 2, "\r\n".getBytes(StandardCharsets.US_ASCII));
                if (pos + 4 != body.length) {
                    throw new AssertionError("bytes after the close delimiter");
                }
                return parts;
            }
            expect(body, pos, "\r\n".getBytes(StandardCharsets.US_ASCII));
            pos += 2;
            String type = null;
            String range = null;
            while (true) {
                int eol = indexOf(body, pos, "\r\n");
                String line = new String(body, pos, eol - pos, StandardCharsets.US_ASCII);
                pos = eol + 2;
                if (line.isEmpty()) {
                    break;
                }
                String[] kv = line.split(":", 2);
                if (kv[0].equalsIgnoreCase("Content-Type")) {
                    type = kv[1].trim();
                } else if (kv[0].equalsIgnoreCase("Content-Range")) {
                    range = kv[1].trim();
                }
            }
            String[] span = range.substring("bytes ".length(), range.indexOf('/')).split("-");
            int length = (int) (Long.parseLong(span[1]) - Long.parseLong(span[0]) + 1);
            parts.add(new Part(type, range, Arrays.copyOfRange(body, pos, pos + length)));
            pos += length;
        }
    }

    private static void expect(byte[] body, int pos, byte[] expected) {
        if (pos + expected.length > body.length
                || !Arrays.equals(Arrays.copyOfRange(body, pos, pos + expected.length), expected)) {
            throw new AssertionError("expected '" + new String(expected, StandardCharsets.US_ASCII) + "' at " + pos);
        }
    }

    private static int indexOf(byte[] body, int from, String text) {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no '" + text.replace("\r\n", "CRLF") + "' after " + from);
    }
}
