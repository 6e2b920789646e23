package dev.webseed.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

import dev.webseed.Webseed;
import dev.webseed.config.Settings;
import dev.webseed.metainfo.Torrent;
import dev.webseed.origin.OriginSnapshot;
import dev.webseed.paygate.DenialReason;
import dev.webseed.publish.Progress;
import dev.webseed.publish.Publication;
import dev.webseed.stats.OriginTraffic;
import dev.webseed.stats.Outcome;
import dev.webseed.stats.StatsSnapshot;
import dev.webseed.stats.SwarmTraffic;
import dev.webseed.tracker.SwarmCounts;
import dev.webseed.tracker.SwarmTotals;
import dev.webseed.tracker.Tracker;

/**
 * Builds the {@link StatsReport} of a running {@link Webseed}: one pass over the top-level
 * publications (a bounded heap keeps the {@code top} busiest, O(n log top)), then swarm lookups
 * for the listed rows only, and one pass over the tracker's swarms for the totals.
 */
public final class OpsView {
    private final Webseed webseed;
    private final Instant started;

    public OpsView(Webseed webseed) {
        this.webseed = webseed;
        this.started = webseed.startedAt();
    }

    /** The Webseed this view reports on. */
    public Webseed webseed() {
        return webseed;
    }

    /** The report with at most {@code statsTopPublications} rows. */
    public StatsReport report() {
        return report(webseed.config().get(Settings.STATS_TOP_PUBLICATIONS));
    }

    /** The report with at most {@code top} rows (1 to {@code statsTopPublications}). */
    public StatsReport report(int top) {
        Instant now = webseed.clock().instant();
        OriginTraffic origin = webseed.stats().origin();
        SwarmTraffic swarm = webseed.swarmTraffic();
        PriorityQueue<Candidate> busiest = new PriorityQueue<>(Candidate.ORDER);
        long total = 0;
        long ready = 0;
        long hashing = 0;
        for (Map.Entry<String, Publication> e : webseed.publisher().publications().entrySet()) {
            if (e.getKey().indexOf('/') >= 0) {
                continue; // nested publications: their bytes are in their top-level entry (OriginTraffic)
            }
            total++;
            Publication publication = e.getValue();
            ready += publication instanceof Publication.Ready ? 1 : 0;
            hashing += publication instanceof Publication.Hashing ? 1 : 0;
            OriginTraffic.Bytes bytes = origin.of(e.getKey());
            SwarmTraffic.Counts counts = publication instanceof Publication.Ready r
                    ? swarm.of(r.torrent().infoHash()) : SwarmTraffic.Counts.ZERO;
            busiest.add(new Candidate(e.getKey(), publication, bytes, counts));
            if (busiest.size() > top) {
                busiest.poll();
            }
        }
        List<Candidate> chosen = new ArrayList<>(busiest);
        chosen.sort(Candidate.ORDER.reversed());
        List<StatsReport.Row> rows = new ArrayList<>(chosen.size());
        OriginSnapshot shaping = webseed.origin().snapshot();
        for (Candidate c : chosen) {
            rows.add(row(c, shaping));
        }
        return new StatsReport(StatsReport.VERSION, now.toString(),
                Duration.between(started, now).toSeconds(), origin.window().toSeconds(),
                totals(total, ready, hashing, shaping), new StatsReport.Listing(total, rows.size(), "bytes", rows));
    }

    private StatsReport.Totals totals(long publications, long ready, long hashing, OriginSnapshot shaping) {
        StatsSnapshot seed = webseed.stats().snapshot();
        SwarmTraffic.Counts reported = webseed.swarmTraffic().total();
        Progress progress = webseed.publisher().progress();
        long[] sizes = new long[3]; // seeders, leechers, completed
        long swarms = 0;
        long peers = 0;
        Tracker tracker = webseed.tracker().orElse(null);
        if (tracker != null) {
            tracker.forEachSwarm((hash, counts) -> {
                sizes[0] += counts.complete();
                sizes[1] += counts.incomplete();
                sizes[2] += counts.downloaded();
            });
            SwarmTotals held = tracker.totals();
            swarms = held.swarms();
            peers = held.peers();
        }
        long originBytes = seed.bytesWritten();
        long recentOrigin = webseed.stats().recentBytes();
        Map<String, Long> requests = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            requests.put(outcome.name().toLowerCase(Locale.ROOT), seed.requests(outcome));
        }
        Map<String, Long> denials = new LinkedHashMap<>();
        for (Map.Entry<DenialReason, Long> e : webseed.denials().snapshot().entrySet()) {
            denials.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
        }
        return new StatsReport.Totals(publications, ready, hashing, progress.bytesDone(), progress.bytesTotal(),
                swarms, peers, sizes[0], sizes[1], sizes[2], reported.announces(), reported.scrapes(),
                originBytes, reported.reportedBytes(), recentOrigin, reported.recentReportedBytes(),
                StatsReport.offload(originBytes, reported.reportedBytes()),
                StatsReport.offload(recentOrigin, reported.recentReportedBytes()),
                webseed.stats().inFlight(), seed.abortedResponses(), requests, denials,
                StatsReport.OriginShaping.of(shaping));
    }

    private StatsReport.Row row(Candidate c, OriginSnapshot shaping) {
        Publication p = c.publication;
        String infoHash = null;
        Long size = null;
        SwarmCounts counts = SwarmCounts.EMPTY;
        int percent = 0;
        if (p instanceof Publication.Ready r) {
            Torrent torrent = r.torrent();
            infoHash = torrent.infoHash().hex();
            size = torrent.totalLength();
            percent = 100;
            counts = webseed.tracker().map(t -> t.counts(torrent.infoHash())).orElse(SwarmCounts.EMPTY);
        } else if (p instanceof Publication.Hashing h) {
            percent = h.percent();
        }
        return new StatsReport.Row(c.path, state(p), percent, infoHash, size,
                webseed.paygate().isPaid(c.path), counts.complete(), counts.incomplete(), counts.downloaded(),
                c.swarm.announces(), c.swarm.scrapes(), c.origin.lifetime(), c.swarm.reportedBytes(),
                c.origin.recent(), c.swarm.recentReportedBytes(),
                StatsReport.offload(c.origin.lifetime(), c.swarm.reportedBytes()),
                StatsReport.offload(c.origin.recent(), c.swarm.recentReportedBytes()),
                StatsReport.Shaping.of(shaping.under(c.path))); // listed rows only: bounded work
    }

    /** The state's name in the schema. */
    static String state(Publication p) {
        if (p instanceof Publication.Ready) {
            return "ready";
        } else if (p instanceof Publication.Hashing) {
            return "hashing";
        } else if (p instanceof Publication.Unpublishable) {
            return "unpublishable";
        } else if (p instanceof Publication.Failed) {
            return "failed";
        } else if (p instanceof Publication.Busy) {
            return "busy";
        }
        return "gone";
    }

    /** A publication with the counts it is ranked by. */
    private record Candidate(String path, Publication publication, OriginTraffic.Bytes origin,
            SwarmTraffic.Counts swarm) {
        /** Fewest bytes first, then the later path first: the heap's head is the one to drop. */
        static final Comparator<Candidate> ORDER = Comparator.comparingLong(Candidate::bytes)
                .thenComparing(Candidate::path, Comparator.reverseOrder());

        long bytes() {
            return origin.lifetime() + swarm.reportedBytes();
        }
    }
}
