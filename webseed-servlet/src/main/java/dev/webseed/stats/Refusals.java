package dev.webseed.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.webseed.paygate.RefusalReason;

/** Paygate refusals by reason, on the webseed, the torrent endpoint and the tracker together. */
public final class Refusals implements Consumer<RefusalReason> {
    private final LongAdder[] counts = new LongAdder[RefusalReason.values().length];

    public Refusals() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts one refusal. */
    @Override
    public void accept(RefusalReason reason) {
        counts[reason.ordinal()].increment();
    }

    /** Every reason with its count, zeros included, in declaration order. */
    public Map<RefusalReason, Long> snapshot() {
        EnumMap<RefusalReason, Long> map = new EnumMap<>(RefusalReason.class);
        for (RefusalReason reason : RefusalReason.values()) {
            map.put(reason, counts[reason.ordinal()].sum());
        }
        return Collections.unmodifiableMap(map);
    }
}
