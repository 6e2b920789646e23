package dev.webseed.bencode;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bencoded dictionary. Keys are byte strings kept in unsigned byte order, so writing a
 * {@code BDict} always yields the canonical encoding (BEP 3: "keys must be strings and appear in
 * sorted order (sorted as raw strings, not alphanumerics)").
 */
public record BDict(NavigableMap<BString, BValue> entries) implements BValue {
    public BDict {
        // not new TreeMap<>(entries): that copy would keep a sorted source map's own comparator
        TreeMap<BString, BValue> sorted = new TreeMap<>();
        sorted.putAll(entries);
        entries = Collections.unmodifiableNavigableMap(sorted);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<BValue> get(String key) {
        return Optional.ofNullable(entries.get(BString.of(key)));
    }

    public Optional<BString> string(String key) {
        return get(key).filter(BString.class::isInstance).map(BString.class::cast);
    }

    public Optional<Long> integer(String key) {
        return get(key).filter(BInteger.class::isInstance).map(v -> ((BInteger) v).value());
    }

    public Optional<BDict> dict(String key) {
        return get(key).filter(BDict.class::isInstance).map(BDict.class::cast);
    }

    public Optional<BList> list(String key) {
        return get(key).filter(BList.class::isInstance).map(BList.class::cast);
    }

    /** Collects entries in any order; {@link #build()} sorts them. */
    public static final class Builder {
        private final TreeMap<BString, BValue> entries = new TreeMap<>();

        public Builder put(String key, BValue value) {
            return put(BString.of(key), value);
        }

        public Builder put(BString key, BValue value) {
            entries.put(key, value);
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, BString.of(value));
        }

        public Builder put(String key, byte[] value) {
            return put(key, BString.of(value));
        }

        public Builder put(String key, long value) {
            return put(key, BInteger.of(value));
        }

        public Builder putAll(Map<BString, BValue> more) {
            entries.putAll(more);
            return this;
        }

        public BDict build() {
            return new BDict(entries);
        }
    }
}
