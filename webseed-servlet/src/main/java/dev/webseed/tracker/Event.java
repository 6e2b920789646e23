package dev.webseed.tracker;

import java.util.Arrays;

/** The {@code event} of an announce (BEP 3, plus {@code paused} from BEP 21). */
public enum Event {
    /** No event: a regular re-announce (absent or empty {@code event}). */
    NONE(""),
    STARTED("started"),
    COMPLETED("completed"),
    STOPPED("stopped"),
    /** BEP 21: a partial seed, sent on every announce while paused. */
    PAUSED("paused");

    private static final Event[] ALL = values();
    private final byte[] wire;

    Event(String wire) {
        this.wire = wire.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static Event parse(byte[] value) {
        for (Event e : ALL) {
            if (Arrays.equals(e.wire, value)) {
                return e;
            }
        }
        throw new TrackerFailure("invalid event (expected started, completed, stopped, paused or empty)");
    }
}
