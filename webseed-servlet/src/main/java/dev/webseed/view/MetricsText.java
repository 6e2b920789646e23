package dev.webseed.view;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.ToLongFunction;

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
        for (StatsReport.Row row : listing.items()) {
            ratio("webseed_publication_offload_ratio", labels(row), row.offloadRatio());
        }
    }

    private void each(StatsReport.Listing listing, String name, ToLongFunction<StatsReport.Row> value) {
        for (StatsReport.Row row : listing.items()) {
            out.append(name).append('{').append(labels(row)).append("} ").append(value.applyAsLong(row)).append('\n');
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
