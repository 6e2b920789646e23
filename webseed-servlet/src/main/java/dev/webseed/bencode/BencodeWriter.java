package dev.webseed.bencode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes the canonical encoding of a {@link BValue} (BEP 3). */
public final class BencodeWriter {
    private BencodeWriter() {
    }

    public static byte[] encode(BValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            write(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a ByteArrayOutputStream
        }
        return out.toByteArray();
    }

    public static void write(BValue value, OutputStream out) throws IOException {
        if (value instanceof BString s) {
            ascii(out, Integer.toString(s.length()));
            out.write(':');
            out.write(s.unsafeBytes());
        } else if (value instanceof BInteger i) {
            out.write('i');
            ascii(out, Long.toString(i.value()));
            out.write('e');
        } else if (value instanceof BList l) {
            out.write('l');
            for (BValue element : l.values()) {
                write(element, out);
            }
            out.write('e');
        } else if (value instanceof BDict d) {
            out.write('d');
            for (Map.Entry<BString, BValue> e : d.entries().entrySet()) {
                write(e.getKey(), out);
                write(e.getValue(), out);
            }
            out.write('e');
        }
    }

    private static void ascii(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
    }
}
