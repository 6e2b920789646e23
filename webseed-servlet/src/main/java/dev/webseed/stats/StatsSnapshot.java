package dev.webseed.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An immutable copy of the webseed counters at one moment.
 *
 * @param requests         requests answered, by outcome (every outcome present, possibly 0)
 * @param bytesWritten     content bytes (file data and pad zeros, not headers or multipart framing)
 *                         accepted by the container's output stream; for an aborted response only
 *                         what was written before the abort
 * @param abortedResponses responses cut short because the client went away (W15)
 */
public record StatsSnapshot(Map<Outcome, Long> requests, long bytesWritten, long abortedResponses) {
    public StatsSnapshot {
        EnumMap<Outcome, Long> copy = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            copy.put(outcome, requests.getOrDefault(outcome, 0L));
        }
        requests = Collections.unmodifiableMap(copy);
    }

    /** Requests answered with that outcome. */
    public long requests(Outcome outcome) {
        return requests.get(outcome);
    }

    /** All requests answered. */
    public long totalRequests() {
        return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The counts accumulated since an earlier snapshot. */
    public StatsSnapshot minus(StatsSnapshot earlier) {
        EnumMap<Outcome, Long> diff = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            diff.put(outcome, requests(outcome) - earlier.requests(outcome));
        }
        return new StatsSnapshot(diff, bytesWritten - earlier.bytesWritten,
                abortedResponses - earlier.abortedResponses);
    }
}
