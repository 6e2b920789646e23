package dev.webseed.range;

/**
 * The conditional request header fields of one request, each {@code null} when absent
 * (RFC 9110 §13.1).
 */
public record ConditionalHeaders(String ifMatch, String ifNoneMatch, String ifModifiedSince,
        String ifUnmodifiedSince, String ifRange) {
    /** No conditional headers at all. */
    public static final ConditionalHeaders NONE = new ConditionalHeaders(null, null, null, null, null);

    public boolean isEmpty() {
        return ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null
                && ifRange == null;
    }
}
