package dev.webseed.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.webseed.paygate.DenialReason;

/** Paygate denials by reason, on the webseed, the torrent endpoint and the tracker together. */
public final class Denials implements Consumer<DenialReason> {
    private final LongAdder[] counts = new LongAdder[DenialReason.values().length];

    public Denials() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts one denial. */
    @Override
    public void accept(DenialReason reason) {
        counts[reason.ordinal()].increment();
    }

    /** Every reason with its count, zeros included, in declaration order. */
    public Map<DenialReason, Long> snapshot() {
        EnumMap<DenialReason, Long> map = new EnumMap<>(DenialReason.class);
        for (DenialReason reason : DenialReason.values()) {
            map.put(reason, counts[reason.ordinal()].sum());
        }
        return Collections.unmodifiableMap(map);
    }
}
