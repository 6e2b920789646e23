package dev.webseed.range;

import java.time.Instant;
import java.util.Optional;

/**
 * Evaluates the conditional request headers of a GET or HEAD in the order of RFC 9110 §13.2.2.
 *
 * <ol>
 * <li>{@code If-Match} present and no strong match (or {@code *}): 412 (§13.1.1).</li>
 * <li>Otherwise {@code If-Unmodified-Since} (only when If-Match is absent) with a valid date before
 *     the modification time: 412 (§13.1.4).</li>
 * <li>{@code If-None-Match} present and a weak match (or {@code *}): 304 (§13.1.2).</li>
 * <li>Otherwise {@code If-Modified-Since} (only when If-None-Match is absent, §13.1.3) with a valid
 *     date at or after the modification time: 304.</li>
 * <li>{@code If-Range} is evaluated separately by {@link #ifRangeHolds}: when it fails, the
 *     {@code Range} header is ignored and the whole representation sent with 200 (§13.1.5).</li>
 * </ol>
 * <p>Invalid dates are ignored (§13.1.3, §13.1.4). Without a modification time the date conditions
 * are ignored.</p>
 */
public final class Preconditions {
    /** The outcome of the precondition checks (before any range handling). */
    public enum Result { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

    private Preconditions() {
    }

    /** Evaluates steps 1-4 above for a GET or HEAD. */
    public static Result evaluate(ConditionalHeaders headers, Validators validators) {
        Optional<Instant> modified = validators.lastModified();
        if (headers.ifMatch() != null) {
            if (!EntityTags.listMatches(headers.ifMatch(), validators.etag(), true)) {
                return Result.PRECONDITION_FAILED;
            }
        } else if (headers.ifUnmodifiedSince() != null && modified.isPresent()) {
            Optional<Instant> date = HttpDate.parse(headers.ifUnmodifiedSince());
            if (date.isPresent() && modified.get().isAfter(date.get())) {
                return Result.PRECONDITION_FAILED;
            }
        }
        if (headers.ifNoneMatch() != null) {
            if (EntityTags.listMatches(headers.ifNoneMatch(), validators.etag(), false)) {
                return Result.NOT_MODIFIED;
            }
        } else if (headers.ifModifiedSince() != null && modified.isPresent()) {
            Optional<Instant> date = HttpDate.parse(headers.ifModifiedSince());
            if (date.isPresent() && !modified.get().isAfter(date.get())) {
                return Result.NOT_MODIFIED;
            }
        }
        return Result.PROCEED;
    }

    /**
     * True when a {@code Range} header may be honoured: no {@code If-Range}, or an {@code If-Range}
     * entity tag that strongly matches ours (a weak tag never does), or an HTTP-date exactly equal
     * to our modification time (RFC 9110 §13.1.5). Anything else, including garbage, is false:
     * the whole representation is sent.
     */
    public static boolean ifRangeHolds(String ifRange, Validators validators) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.trim();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            // exactly one entity-tag, compared strongly
            return value.equals(validators.etag());
        }
        Optional<Instant> date = HttpDate.parse(value);
        return date.isPresent() && validators.lastModified().isPresent()
                && date.get().equals(validators.lastModified().get());
    }
}
