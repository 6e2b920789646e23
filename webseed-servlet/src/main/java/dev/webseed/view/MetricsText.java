package dev.webseed.view;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /metrics}: the {@link StatsReport} in the Prometheus text exposition format 0.0.4, so it
 * shows exactly the numbers {@code /stats} shows. Names follow Prometheus' rules: a {@code webseed_}
 * prefix, base units ({@code _bytes}, {@code _seconds}), {@code _total} on counters only, and a
 * per-publication family apart from each server-wide one (summing a family never double counts).
 * Per-publication series exist only for the listed rows, so their number is bounded by
 * {@code statsTopPublications}; no label is ever per peer.
 */
public final class MetricsText {
    /** The Content-Type of the exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    private MetricsText() {
    }

    /** The report as exposition text. */
    public static byte[] write(StatsReport report) {
        MetricsText m = new MetricsText();
        m.server(report);
        m.publications(report.publications());
        return m.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void server(StatsReport r) {
        StatsReport.Totals t = r.totals();
        gauge("webseed_uptime_seconds", "Seconds since the server started.", r.uptimeSeconds());
        family("webseed_publications", "gauge", "Top-level publications by state.");
        sample("webseed_publications", "state", "ready", t.ready());
        sample("webseed_publications", "state", "hashing", t.hashing());
        sample("webseed_publications", "state", "other", t.publications() - t.ready() - t.hashing());
        counter("webseed_hashed_bytes_total", "Bytes hashed since start.", t.hashedBytes());
        counter("webseed_hash_scheduled_bytes_total", "Bytes hashed or queued for hashing since start.",
                t.hashBytesTotal());
        gauge("webseed_swarms", "Swarms the tracker keeps.", t.swarms());
        gauge("webseed_peers", "Peers in the tracker's swarms.", t.peers());
        gauge("webseed_seeders", "Peers with nothing left to download.", t.seeders());
        gauge("webseed_leechers", "Peers still downloading.", t.leechers());
        counter("webseed_completed_total", "Completed downloads announced.", t.completed());
        counter("webseed_announces_total", "Announces accepted by the tracker.", t.announces());
        counter("webseed_scrapes_total", "Swarms named in scrapes.", t.scrapes());
        counter("webseed_origin_bytes_total", "Content bytes the webseed wrote.", t.originBytes());
        counter("webseed_swarm_downloaded_bytes_total",
                "Bytes the swarm reports downloading: the sum of announced downloaded increases.", t.swarmBytes());
        String window = r.windowSeconds() + "s";
        family("webseed_recent_bytes", "gauge", "Bytes within the recent window, by source of the count.");
        sample("webseed_recent_bytes", "source", "origin", t.recentOriginBytes());
        sample("webseed_recent_bytes", "source", "swarm", t.recentSwarmBytes());
        family("webseed_offload_ratio", "gauge",
                "1 - origin bytes / bytes the swarm reports, over the lifetime and over the recent window.");
        ratio("webseed_offload_ratio", "window=\"lifetime\"", t.offloadRatio());
        ratio("webseed_offload_ratio", "window=\"" + window + "\"", t.recentOffloadRatio());
        gauge("webseed_seed_active_requests", "Webseed requests being served now.", t.activeRequests());
        counter("webseed_seed_aborted_responses_total", "Webseed responses cut short by the client.",
                t.abortedResponses());
        labelled("webseed_seed_requests_total", "Webseed requests by outcome.", "outcome", t.requests());
        labelled("webseed_paygate_denials_total", "Paygate denials by reason.", "reason", t.paygateDenials());
        origin(t.shaping());
    }

    /** The origin scheduler: what it sent first and again, how long responses waited, its budget. */
    private void origin(StatsReport.OriginShaping s) {
        counter("webseed_origin_first_copy_bytes_total", "Webseed bytes of blocks the origin had never sent before.",
                s.firstCopyBytes());
        counter("webseed_origin_repeat_bytes_total",
                "Webseed bytes of blocks the origin had sent before (peers could have supplied them).", s.repeatBytes());
        family("webseed_origin_paced_seconds_total", "counter",
                "Time webseed responses waited for the origin's budget, summed over responses.");
        out.append("webseed_origin_paced_seconds_total ").append(Double.toString(s.pacedSeconds())).append('\n');
        counter("webseed_origin_record_resets_total",
                "Sent-block records forgotten because the tracker showed the swarm gone.", s.resets());
        gauge("webseed_origin_max_rate_bytes_per_second", "The origin's egress budget (webseedMaxRate); 0: unlimited.",
                s.maxRateBytesPerSecond());
        gauge("webseed_origin_record_bytes", "Memory the origin's sent-block records take.", s.recordBytes());
        gauge("webseed_origin_record_max_bytes", "Bound of the sent-block records (webseedRecordMaxBytes).",
                s.recordMaxBytes());
    }

    private void publications(StatsReport.Listing listing) {
        if (listing.items().isEmpty()) {
            return;
        }
        family("webseed_publication_origin_bytes_total", "counter",
                "Content bytes the webseed wrote under a top-level publication (the busiest statsTopPublications).");
        each(listing, "webseed_publication_origin_bytes_total", StatsReport.Row::originBytes);
        family("webseed_publication_swarm_downloaded_bytes_total", "counter",
                "Bytes the publication's swarm reports downloading.");
        each(listing, "webseed_publication_swarm_downloaded_bytes_total", StatsReport.Row::swarmBytes);
        family("webseed_publication_seeders", "gauge", "Seeders of the publication's swarm.");
        each(listing, "webseed_publication_seeders", StatsReport.Row::seeders);
        family("webseed_publication_leechers", "gauge", "Leechers of the publication's swarm.");
        each(listing, "webseed_publication_leechers", StatsReport.Row::leechers);
        family("webseed_publication_completed_total", "counter", "Completed downloads of the publication.");
        each(listing, "webseed_publication_completed_total", StatsReport.Row::completed);
        family("webseed_publication_announces_total", "counter", "Announces to the publication's swarm.");
        each(listing, "webseed_publication_announces_total", StatsReport.Row::announces);
        family("webseed_publication_offload_ratio", "gauge", "Offload ratio of the publication over its lifetime.");
        each(listing, "webseed_publication_offload_ratio", StatsReport.Row::offloadRatio);
        family("webseed_publication_first_copy_bytes_total", "counter",
                "Webseed bytes of the publication's blocks the origin had never sent before.");
        each(listing, "webseed_publication_first_copy_bytes_total", row -> row.shaping().firstCopyBytes());
        family("webseed_publication_repeat_bytes_total", "counter",
                "Webseed bytes of the publication's blocks the origin had sent before.");
        each(listing, "webseed_publication_repeat_bytes_total", row -> row.shaping().repeatBytes());
        family("webseed_publication_paced_seconds_total", "counter",
                "Time the publication's webseed responses waited for the origin's budget.");
        each(listing, "webseed_publication_paced_seconds_total", row -> row.shaping().pacedSeconds());
    }

    /** One sample per listed row; a number as {@code /stats} has it, null (an unknown ratio) as NaN. */
    private void each(StatsReport.Listing listing, String name, Function<StatsReport.Row, Number> value) {
        for (StatsReport.Row row : listing.items()) {
            Number n = value.apply(row);
            out.append(name).append('{').append(labels(row)).append("} ").append(n == null ? "NaN" : n.toString())
                    .append('\n');
        }
    }

    private static String labels(StatsReport.Row row) {
        return "publication=\"" + escape(row.path()) + "\",info_hash=\""
                + (row.infoHash() == null ? "" : row.infoHash()) + "\"";
    }

    private void labelled(String name, String help, String label, Map<String, Long> values) {
        family(name, "counter", help);
        values.forEach((key, value) -> sample(name, label, key, value));
    }

    private void counter(String name, String help, long value) {
        family(name, "counter", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private void gauge(String name, String help, long value) {
        family(name, "gauge", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private void ratio(String name, String labels, Double value) {
        // an unknown ratio (nothing reported yet) is NaN, the format's "no value"
        out.append(name).append('{').append(labels).append("} ")
                // Double.toString is exact: /stats carries the same double
                .append(value == null ? "NaN" : Double.toString(value)).append('\n');
    }

    private void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String label, String value, long sample) {
        out.append(name).append('{').append(label).append("=\"").append(escape(value)).append("\"} ")
                .append(sample).append('\n');
    }

    /** Label value escaping of the text format: backslash, double quote and line feed. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
