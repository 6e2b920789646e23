package dev.webseed.paygate;

import java.util.function.BiFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Tokens refused for what they are, remembered with their denial, so a client that repeats one
 * costs a lookup instead of a signature check. WebTorrent retries every piece of a web seed that
 * answers 403 each 10 s for as long as the tab stays open, with a preflight each time (README
 * "What operators see when a browser holds a bad token").
 *
 * <p>Only what {@link TokenVerifier} decides from the token string and the key ring alone is kept:
 * shape, encoding, unknown kid, bad signature, payload version and layout. Those stay true for the
 * same string as long as the ring is the same, so entries need no lifetime. A new ring (the key
 * files were re-read, {@link KeyFiles}) drops them all: an unknown kid may have become known.
 * Time, revocation, scope and budget are never kept here: a token with a valid signature is held by
 * the grant cache and those checks run on every use. Keyed by the exact token string; bounded by
 * {@code paygateDeniedTokenCacheSize}, apart from the grant cache, so refused tokens never evict
 * good ones (and Caffeine's frequency-based admission keeps a token that is retried over a flood of
 * one-off forgeries).</p>
 */
final class DeniedTokens {
    /** Null for size 0: every refusal checked afresh. */
    private final Cache<String, Entry> cache;
    private final BiFunction<String, KeyRing, Verdict> parse;
    /** The ring the entries were judged against. */
    private volatile KeyRing ring;

    private record Entry(KeyRing ring, Verdict.Denied denial) {
    }

    /**
     * @param size  most refused tokens held; 0 holds none
     * @param parse the verdict from the token string and the ring alone
     */
    DeniedTokens(long size, BiFunction<String, KeyRing, Verdict> parse) {
        this.cache = size == 0 ? null : Caffeine.newBuilder().maximumSize(size).build();
        this.parse = parse;
    }

    /** The denial this token got against this ring before, else {@code parse}'s verdict (a denial is kept). */
    Verdict verdict(String token, KeyRing current) {
        if (cache == null) {
            return parse.apply(token, current);
        }
        if (current != ring) {
            cache.invalidateAll();
            ring = current;
        }
        Entry entry = cache.getIfPresent(token);
        // an entry of another ring (put by a request that read the ring before a reload) is stale
        if (entry != null && entry.ring() == current) {
            return entry.denial();
        }
        Verdict verdict = parse.apply(token, current);
        if (verdict instanceof Verdict.Denied denial) {
            cache.put(token, new Entry(current, denial));
        }
        return verdict;
    }

    /** Refused tokens held now (tests; runs pending evictions first). */
    long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
