package dev.webseed.origin;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of one file or of everything; {@link OriginSnapshot.Counts} is their reading. */
final class Tally {
    private final LongAdder firstCopy = new LongAdder();
    private final LongAdder repeat = new LongAdder();
    private final LongAdder pacedNanos = new LongAdder();
    private final LongAdder resets = new LongAdder();

    void sent(long firstCopyBytes, long repeatBytes) {
        if (firstCopyBytes != 0) {
            firstCopy.add(firstCopyBytes);
        }
        if (repeatBytes != 0) {
            repeat.add(repeatBytes);
        }
    }

    void paced(long nanos) {
        if (nanos > 0) {
            pacedNanos.add(nanos);
        }
    }

    void reset() {
        resets.increment();
    }

    OriginSnapshot.Counts read() {
        return new OriginSnapshot.Counts(firstCopy.sum(), repeat.sum(), Duration.ofNanos(pacedNanos.sum()),
                resets.sum());
    }
}
