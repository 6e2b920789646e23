package dev.webseed.bencode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A strict bencode reader over a byte array (BEP 3), bounded by {@link BencodeLimits}.
 *
 * <p>Rejected, each with a {@link BencodeException} carrying the offset: leading zeros in
 * integers and string lengths, {@code i-0e}, integers outside 64 bits, truncated input, trailing
 * bytes after the top-level value, non-string and duplicate dictionary keys, and anything over a
 * limit. Dictionary keys out of order are accepted (some tools write them so); an info-hash stays
 * correct anyway because it is only ever taken over the exact bytes of an info dictionary, never
 * over a re-encoding ({@code metainfo.Torrent} keeps them; {@link #rawValue(byte[], String)} cuts
 * them out of a file another tool wrote).</p>
 *
 * <p>Recursion depth is bounded by {@code maxDepth}, so hostile nesting cannot overflow the
 * stack; no allocation is larger than the bytes actually present in the input.</p>
 */
public final class BencodeReader {
    private final BencodeLimits limits;
    private byte[] in;
    private int pos;
    private int end;
    private int values;

    private BencodeReader(BencodeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Decodes one complete value with the default limits. */
    public static BValue decode(byte[] input) {
        return decode(input, BencodeLimits.DEFAULTS);
    }

    /** Decodes one complete value; trailing bytes are an error. */
    public static BValue decode(byte[] input, BencodeLimits limits) {
        BencodeReader reader = new BencodeReader(limits);
        reader.start(input);
        BValue value = reader.value(0);
        if (reader.pos != reader.end) {
            throw new BencodeException("trailing bytes after the value", reader.pos);
        }
        return value;
    }

    /**
     * The exact source bytes of the value stored under {@code key} in the top-level dictionary,
     * as found in the input (BEP 3: the info-hash is "the sha1 hash of the bencoded form of the
     * info value from the metainfo file"). The whole input is validated first.
     *
     * <p>Webseed itself never needs it: the torrents it serves are ones it wrote, and it keeps their
     * info bytes. It is the way to check a metainfo file from another tool (mktorrent, libtorrent)
     * against ours, as the interop tests do, and to import one.</p>
     *
     * @throws BencodeException if the input is malformed, not a dictionary, or lacks the key
     */
    public static byte[] rawValue(byte[] input, String key) {
        return rawValue(input, key, BencodeLimits.DEFAULTS);
    }

    public static byte[] rawValue(byte[] input, String key, BencodeLimits limits) {
        decode(input, limits); // validate everything before trusting offsets
        BencodeReader reader = new BencodeReader(limits);
        reader.start(input);
        if (reader.peek() != 'd') {
            throw new BencodeException("top-level value is not a dictionary", 0);
        }
        reader.pos++;
        BString wanted = BString.of(key);
        while (reader.peek() != 'e') {
            BString k = reader.string();
            int from = reader.pos;
            reader.value(1);
            if (k.equals(wanted)) {
                return Arrays.copyOfRange(input, from, reader.pos);
            }
        }
        throw new BencodeException("no key \"" + key + "\" in the top-level dictionary", reader.pos);
    }

    private void start(byte[] input) {
        Objects.requireNonNull(input, "input");
        if (input.length > limits.maxInputBytes()) {
            throw new BencodeException("input of " + input.length + " bytes exceeds maxInputBytes "
                    + limits.maxInputBytes(), 0);
        }
        this.in = input;
        this.pos = 0;
        this.end = input.length;
        this.values = 0;
    }

    private int peek() {
        if (pos >= end) {
            throw new BencodeException("unexpected end of input", pos);
        }
        return in[pos] & 0xff;
    }

    private BValue value(int depth) {
        if (++values > limits.maxValues()) {
            throw new BencodeException("more than maxValues " + limits.maxValues() + " values", pos);
        }
        int c = peek();
        if (c == 'i') {
            return new BInteger(integer());
        }
        if (c == 'l') {
            return list(depth + 1);
        }
        if (c == 'd') {
            return dict(depth + 1);
        }
        if (c >= '0' && c <= '9') {
            return string();
        }
        throw new BencodeException("unexpected byte 0x" + Integer.toHexString(c), pos);
    }

    private void checkDepth(int depth) {
        if (depth > limits.maxDepth()) {
            throw new BencodeException("nesting deeper than maxDepth " + limits.maxDepth(), pos);
        }
    }

    private BList list(int depth) {
        checkDepth(depth);
        pos++; // 'l'
        List<BValue> elements = new ArrayList<>();
        while (peek() != 'e') {
            if (elements.size() == limits.maxEntries()) {
                throw new BencodeException("list longer than maxEntries " + limits.maxEntries(), pos);
            }
            elements.add(value(depth));
        }
        pos++; // 'e'
        return new BList(elements);
    }

    private BDict dict(int depth) {
        checkDepth(depth);
        pos++; // 'd'
        TreeMap<BString, BValue> entries = new TreeMap<>();
        while (peek() != 'e') {
            if (entries.size() == limits.maxEntries()) {
                throw new BencodeException("dictionary larger than maxEntries " + limits.maxEntries(), pos);
            }
            int keyAt = pos;
            int c = peek();
            if (c < '0' || c > '9') {
                throw new BencodeException("dictionary key is not a byte string", pos);
            }
            BString key = string();
            if (entries.containsKey(key)) {
                throw new BencodeException("duplicate dictionary key " + key, keyAt);
            }
            entries.put(key, value(depth));
        }
        pos++; // 'e'
        return new BDict(entries);
    }

    private long integer() {
        int at = pos;
        pos++; // 'i'
        boolean negative = false;
        if (peek() == '-') {
            negative = true;
            pos++;
        }
        int digitsAt = pos;
        long value = 0;
        while (peek() != 'e') {
            int c = peek();
            if (c < '0' || c > '9') {
                throw new BencodeException("bad integer digit 0x" + Integer.toHexString(c), pos);
            }
            int digit = c - '0';
            // accumulate negatively so Long.MIN_VALUE fits
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw new BencodeException("integer outside 64 bits", at);
            }
            value = value * 10 - digit;
            pos++;
        }
        int digits = pos - digitsAt;
        if (digits == 0) {
            throw new BencodeException("empty integer", at);
        }
        if (digits > 1 && in[digitsAt] == '0') {
            throw new BencodeException("leading zero in integer", at);
        }
        if (negative && value == 0) {
            throw new BencodeException("negative zero", at);
        }
        if (!negative && value == Long.MIN_VALUE) {
            throw new BencodeException("integer outside 64 bits", at);
        }
        pos++; // 'e'
        return negative ? value : -value;
    }

    private BString string() {
        int at = pos;
        long length = 0;
        while (peek() != ':') {
            int c = peek();
            if (c < '0' || c > '9') {
                throw new BencodeException("bad string length digit 0x" + Integer.toHexString(c), pos);
            }
            length = length * 10 + (c - '0');
            if (length > limits.maxStringBytes()) {
                throw new BencodeException("string longer than maxStringBytes " + limits.maxStringBytes(), at);
            }
            pos++;
        }
        if (pos - at > 1 && in[at] == '0') {
            throw new BencodeException("leading zero in string length", at);
        }
        if (pos == at) {
            throw new BencodeException("empty string length", at);
        }
        pos++; // ':'
        if (length > end - pos) {
            throw new BencodeException("string of " + length + " bytes runs past the end of input", at);
        }
        byte[] bytes = Arrays.copyOfRange(in, pos, pos + (int) length);
        pos += (int) length;
        return BString.wrap(bytes);
    }
}
