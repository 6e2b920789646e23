/**
 * HTTP range and validator semantics for the webseed (RFC 9110 §13 and §14), free of any
 * servlet type: {@link dev.webseed.range.RangeParser} turns a {@code Range} header into coalesced
 * {@link dev.webseed.range.ByteRange}s under the multi-range policy, and {@link
 * dev.webseed.range.Preconditions} evaluates {@code If-Match}, {@code If-None-Match}, {@code
 * If-Modified-Since}, {@code If-Unmodified-Since} and {@code If-Range}.
 */
package dev.webseed.range;
