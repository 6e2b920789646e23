/**
 * HTTP range and validator semantics for the webseed (RFC 9110 §13 and §14), free of any
 * servlet type: {@link dev.webseed.range.RangeParser} turns a {@code Range} header into coalesced
 * {@link dev.webseed.range.ByteRange}s under the multi-range policy, and {@link
 * dev.webseed.range.Preconditions} evaluates {@code If-Match}, {@code If-None-Match}, {@code
 * If-Modified-Since}, {@code If-Unmodified-Since} and {@code If-Range}.
 *
 * <p>Keep: each rule of {@link dev.webseed.range.RangeParser} and {@link
 * dev.webseed.range.Preconditions} names the RFC 9110 section it follows, where the RFC leaves a
 * choice the javadoc says which one we made and why (a client or container that behaves so), and
 * the tests are tables of header in, answer out. The end-to-end table is {@code
 * servlet.SeedRangeTableTest}: one row per request shape, status, {@code Content-Range} and body
 * bytes checked through a real container.</p>
 */
package dev.webseed.range;
