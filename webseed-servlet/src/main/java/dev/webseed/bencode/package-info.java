/**
 * Bencoding (BEP 3): an immutable value model ({@link dev.webseed.bencode.BValue} and its four
 * records), a strict reader bounded by {@link dev.webseed.bencode.BencodeLimits}, and a canonical
 * writer. Strings are raw bytes, never Java strings; dictionary keys are ordered as unsigned bytes.
 * The reader can hand back the exact source bytes of a value, because an info-hash is the SHA-1 of
 * the {@code info} dictionary "in the encoded form as found" (BEP 3), never of a re-encoding.
 *
 * <p>Keep: every bound of the reader is a named {@link dev.webseed.bencode.BencodeLimits} field
 * (input bytes, values, depth, string length) with a documented default, in the way Netty's
 * decoders take their limits, so hostile input is refused by a rule a reader can find, not by
 * an accident of the heap or the stack.</p>
 */
package dev.webseed.bencode;
