package dev.webseed.tracker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small bencode writer for tracker responses (BEP 3 bencoding). The callers write dictionary
 * keys in raw byte order themselves, which keeps an announce answer free of maps and boxing; the
 * order is checked by the tests against {@link dev.webseed.bencode.BencodeReader}.
 */
final class Out {
    private byte[] buf;
    private int n;

    Out(int capacity) {
        buf = new byte[capacity];
    }

    Out dict() {
        return raw('d');
    }

    Out list() {
        return raw('l');
    }

    Out end() {
        return raw('e');
    }

    Out key(String ascii) {
        return string(ascii);
    }

    Out string(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    Out bytes(byte[] value) {
        return bytes(value, 0, value.length);
    }

    Out bytes(byte[] value, int off, int len) {
        number(len);
        raw(':');
        ensure(len);
        System.arraycopy(value, off, buf, n, len);
        n += len;
        return this;
    }

    Out integer(long value) {
        raw('i');
        number(value);
        return raw('e');
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, n);
    }

    private void number(long value) {
        if (value < 0) {
            byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
            ensure(text.length);
            System.arraycopy(text, 0, buf, n, text.length);
            n += text.length;
            return;
        }
        ensure(19);
        int start = n;
        do {
            buf[n++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = n - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    private Out raw(char c) {
        ensure(1);
        buf[n++] = (byte) c;
        return this;
    }

    private void ensure(int more) {
        if (n + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
        }
    }
}
