package dev.webseed.paygate;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

import dev.webseed.metainfo.InfoHash;

/**
 * What a token opens: one torrent by its info-hash, or every published file and folder under a
 * content path prefix.
 *
 * <p>A path prefix matches on segment boundaries: {@code paid} (stored without a trailing slash;
 * {@code paid/} means the same) covers {@code paid} itself, {@code paid/film.mkv} and
 * {@code paid/a/b}, but never {@code paidfoo/x}. A folder torrent is covered only when its whole
 * folder is, so a token for {@code paid/film.mkv} does not open the torrent of {@code paid}.</p>
 */
public sealed interface Scope permits Scope.OfInfoHash, Scope.OfPath {
    /** Longest path prefix in bytes (UTF-8); one length byte in the payload. */
    int MAX_PATH_BYTES = 255;

    /** True when a request for {@code target} is inside this scope. */
    boolean covers(Target target);

    /**
     * Parses the command-line form: 40 hex digits are an info-hash; anything else is a relative
     * content path prefix such as {@code paid/} or {@code film.mkv}.
     *
     * @throws IllegalArgumentException for an empty, absolute, hidden or over-long path
     */
    static Scope parse(String text) {
        Objects.requireNonNull(text, "scope");
        if (text.length() == 2 * InfoHash.LENGTH && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return infoHash(InfoHash.of(HexFormat.of().parseHex(text)));
        }
        return path(text);
    }

    static Scope infoHash(InfoHash hash) {
        return new OfInfoHash(hash);
    }

    /** @throws IllegalArgumentException unless a relative path of plain segments (trailing slash allowed) */
    static Scope path(String prefix) {
        return new OfPath(prefix);
    }

    /** One torrent, by its v1 info-hash (BEP 3). */
    record OfInfoHash(InfoHash hash) implements Scope {
        public OfInfoHash {
            Objects.requireNonNull(hash, "hash");
        }

        @Override
        public boolean covers(Target target) {
            return target.infoHashes().contains(hash);
        }

        @Override
        public String toString() {
            return hash.hex();
        }
    }

    /** Everything under a content path prefix, normalised without a trailing slash. */
    record OfPath(String prefix) implements Scope {
        public OfPath {
            Objects.requireNonNull(prefix, "prefix");
            prefix = PathPrefix.normalise(prefix);
            if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
                throw new IllegalArgumentException("a scope path is at most " + MAX_PATH_BYTES + " bytes");
            }
        }

        @Override
        public boolean covers(Target target) {
            return target.path().isPresent() && PathPrefix.covers(prefix, target.path().get());
        }

        @Override
        public String toString() {
            return prefix + "/";
        }
    }
}
