package dev.webseed.range;

import java.util.List;
import java.util.Objects;

/**
 * What a {@code Range} header asks of a representation, decided by {@link RangeParser}.
 *
 * @param kind   {@link Kind#FULL}: serve the whole representation (no header, or one to ignore);
 *               {@link Kind#PARTIAL}: serve {@code ranges} with 206; {@link Kind#UNSATISFIABLE}:
 *               answer 416 with {@code reason}
 * @param ranges the coalesced ranges in response order, empty unless {@code PARTIAL}
 * @param reason a short plain-text reason for a 416, empty otherwise
 */
public record RangeRequest(Kind kind, List<ByteRange> ranges, String reason) {
    /** The three possible answers. */
    public enum Kind { FULL, PARTIAL, UNSATISFIABLE }

    private static final RangeRequest FULL = new RangeRequest(Kind.FULL, List.of(), "");

    public RangeRequest {
        Objects.requireNonNull(kind, "kind");
        ranges = List.copyOf(ranges);
        Objects.requireNonNull(reason, "reason");
        if ((kind == Kind.PARTIAL) == ranges.isEmpty()) {
            throw new IllegalArgumentException("ranges must be given exactly for PARTIAL");
        }
    }

    static RangeRequest full() {
        return FULL;
    }

    static RangeRequest partial(List<ByteRange> ranges) {
        return new RangeRequest(Kind.PARTIAL, ranges, "");
    }

    static RangeRequest unsatisfiable(String reason) {
        return new RangeRequest(Kind.UNSATISFIABLE, List.of(), reason);
    }

    /** True when exactly one range is to be sent (a plain 206 rather than multipart/byteranges). */
    public boolean isSingle() {
        return ranges.size() == 1;
    }
}
