package dev.webseed.range;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The validators of a representation (RFC 9110 §8.8): a strong entity tag and, when known, the
 * modification time.
 *
 * @param etag         a strong entity tag including its quotes, e.g. {@code "1f-5e0c3a1b"}
 * @param lastModified the modification time, truncated to whole seconds as sent in {@code Last-Modified}
 */
public record Validators(String etag, Optional<Instant> lastModified) {
    public Validators {
        Objects.requireNonNull(etag, "etag");
        if (etag.length() < 2 || etag.charAt(0) != '"' || etag.charAt(etag.length() - 1) != '"') {
            throw new IllegalArgumentException("a strong entity tag is quoted: " + etag);
        }
        lastModified = lastModified.map(t -> t.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Validators of(String etag, Instant lastModified) {
        return new Validators(etag, Optional.ofNullable(lastModified));
    }
}
