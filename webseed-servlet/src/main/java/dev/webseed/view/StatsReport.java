package dev.webseed.view;

import java.util.List;
import java.util.Map;

import dev.webseed.origin.OriginSnapshot;

/**
 * What {@code /stats} answers (as JSON, field for field) and {@code /metrics} exposes: schema
 * version {@value #VERSION}. The schema is documented in {@code docs/operator-view.md}; a field is
 * never renamed or removed within a version, new fields may be added.
 *
 * @param version       {@value #VERSION}
 * @param generatedAt   ISO-8601 instant of the snapshot (the server's clock)
 * @param uptimeSeconds since the server started
 * @param windowSeconds the recent window ({@code statsWindow}) of the {@code recent*} fields
 * @param totals        the whole server
 * @param publications  the busiest top-level publications
 */
public record StatsReport(int version, String generatedAt, long uptimeSeconds, long windowSeconds, Totals totals,
        Listing publications) {
    /** The schema version; bumped only for an incompatible change. */
    public static final int VERSION = 1;

    /**
     * The whole server.
     *
     * @param publications       top-level publications known
     * @param ready              of which ready (published)
     * @param hashing            of which queued or hashing
     * @param hashedBytes        bytes hashed since start
     * @param hashBytesTotal     bytes hashed or still to hash since start
     * @param swarms             swarms the tracker keeps
     * @param peers              peers in them
     * @param seeders            peers with nothing left (BEP 48 {@code complete})
     * @param leechers           peers still downloading ({@code incomplete})
     * @param completed          {@code completed} announces counted (BEP 48 {@code downloaded})
     * @param announces          announces accepted
     * @param scrapes            swarms named in scrapes
     * @param originBytes        content bytes the webseed wrote
     * @param swarmBytes         bytes the swarm reports downloading (sum of {@code downloaded} increases)
     * @param recentOriginBytes  {@code originBytes} within the window
     * @param recentSwarmBytes   {@code swarmBytes} within the window
     * @param offloadRatio       1 - originBytes / swarmBytes, 0 to 1; null before any bytes were reported
     * @param recentOffloadRatio the same within the window
     * @param activeRequests     webseed requests being served now
     * @param abortedResponses   webseed responses cut short by the client
     * @param requests           webseed requests by outcome (lower-case {@code stats.Outcome} names)
     * @param paygateDenials    paygate denials by reason (lower-case {@code paygate.DenialReason} names)
     * @param shaping            the origin scheduler's counters and budget
     */
    public record Totals(long publications, long ready, long hashing, long hashedBytes, long hashBytesTotal,
            long swarms, long peers, long seeders, long leechers, long completed, long announces, long scrapes,
            long originBytes, long swarmBytes, long recentOriginBytes, long recentSwarmBytes, Double offloadRatio,
            Double recentOffloadRatio, long activeRequests, long abortedResponses, Map<String, Long> requests,
            Map<String, Long> paygateDenials, OriginShaping shaping) {
    }

    /**
     * The origin scheduler ({@code dev.webseed.origin}) in total: what it decided and its budget.
     * {@code firstCopyBytes + repeatBytes} is what the web seed sent through it.
     *
     * @param maxRateBytesPerSecond the budget ({@code webseedMaxRate}); 0: unlimited
     * @param firstCopyBytes        bytes of blocks the origin had never sent before
     * @param repeatBytes           bytes of blocks it had sent before (peers could have supplied them)
     * @param pacedSeconds          time responses waited for the budget, summed over responses
     * @param resets                sent-block records forgotten because the tracker showed the swarm gone
     * @param recordBytes           memory the sent-block records take now
     * @param recordMaxBytes        their bound ({@code webseedRecordMaxBytes})
     */
    public record OriginShaping(long maxRateBytesPerSecond, long firstCopyBytes, long repeatBytes,
            double pacedSeconds, long resets, long recordBytes, long recordMaxBytes) {
        static OriginShaping of(OriginSnapshot origin) {
            Shaping total = Shaping.of(origin.total());
            return new OriginShaping(origin.maxRate(), total.firstCopyBytes(), total.repeatBytes(),
                    total.pacedSeconds(), total.resets(), origin.recordBytes(), origin.recordMaxBytes());
        }
    }

    /**
     * The origin scheduler's counters of one publication (every file under it, as for origin bytes).
     *
     * @param firstCopyBytes bytes of blocks the origin had never sent before
     * @param repeatBytes    bytes of blocks it had sent before
     * @param pacedSeconds   time its responses waited for the budget
     * @param resets         times its records were forgotten because the swarm was gone
     */
    public record Shaping(long firstCopyBytes, long repeatBytes, double pacedSeconds, long resets) {
        static Shaping of(OriginSnapshot.Counts counts) {
            return new Shaping(counts.firstCopyBytes(), counts.repeatBytes(), counts.paced().toNanos() / 1e9,
                    counts.resets());
        }
    }

    /**
     * The listed publications.
     *
     * @param total     top-level publications known
     * @param listed    how many follow ({@code statsTopPublications} at most)
     * @param orderedBy {@code bytes}: originBytes + swarmBytes, largest first, then by path
     * @param items     the rows
     */
    public record Listing(long total, int listed, String orderedBy, List<Row> items) {
    }

    /**
     * One top-level publication. Origin bytes are those of every path under it (see {@code
     * stats.OriginTraffic} for why); swarm numbers are those of its current info-hash.
     *
     * @param path           relative path under the content root (a top-level name)
     * @param state          ready, hashing, unpublishable, failed, busy or gone
     * @param hashingPercent 0 to 100 (100 when ready)
     * @param infoHash       hex v1 info-hash, null unless ready
     * @param size           bytes in the torrent, null unless ready
     * @param paid           true when the paygate protects it
     * @param shaping        the origin scheduler's counters of every file under it
     */
    public record Row(String path, String state, int hashingPercent, String infoHash, Long size, boolean paid,
            long seeders, long leechers, long completed, long announces, long scrapes, long originBytes,
            long swarmBytes, long recentOriginBytes, long recentSwarmBytes, Double offloadRatio,
            Double recentOffloadRatio, Shaping shaping) {
    }

    /** 1 - origin / delivered, clamped to [0, 1]; null when nothing was delivered. */
    static Double offload(long origin, long delivered) {
        if (delivered <= 0) {
            return null;
        }
        return Math.max(0.0, Math.min(1.0, 1.0 - (double) origin / delivered));
    }
}
