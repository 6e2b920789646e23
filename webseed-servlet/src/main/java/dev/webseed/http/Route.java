package dev.webseed.http;

import java.util.List;

/**
 * The route table: every servlet of a Webseed context, with the name, class and URL patterns the
 * example {@code web.xml}, the Jetty module's {@code etc/webseed.xml} and the embedded server
 * register (tests check the two files against this table). A mapping changes here and nowhere
 * else: {@link dev.webseed.metainfo.Links} builds the URLs written into torrents from it.
 *
 * <p>The tracker sits at {@code /announce} of the context: libtorrent only accepts a loopback or
 * LAN tracker whose path starts with {@code /announce} (SSRF mitigation), and clients derive the
 * scrape URL by replacing {@code announce} with {@code scrape} (BEP 48), so both stay side by
 * side.</p>
 *
 * <p>Paid content is reached below a prefix mapping through a token segment:
 * {@code seed/t/{token}/{path}} and {@code torrent/t/{token}/{path}.torrent}. The token is a path
 * segment, never a query, because BEP 19 clients append {@code name/path} to a folder's
 * {@code url-list} base (which destroys a query) and libtorrent refuses loopback web seeds with a
 * query at all (docs/protocol.md W18).</p>
 */
public enum Route {
    /** The BEP 19 webseed. */
    SEED("seed", "SeedServlet", "/seed/*"),
    /** The {@code .torrent} and magnet endpoint. */
    TORRENT("torrent", "TorrentServlet", "/torrent/*"),
    /** The HTTP tracker: BEP 3 announce and BEP 48 scrape. */
    TRACKER("tracker", "TrackerServlet", "/announce", "/scrape"),
    /**
     * The landing page: the published torrents. {@code ""} is the context root exactly (Servlet 6.0
     * specification, section 12.2: the empty pattern).
     */
    LANDING("landing", "LandingServlet", ""),
    /** The operator view as JSON; {@code statsAllow} addresses only. */
    STATS("stats", "StatsServlet", "/stats"),
    /** The operator view for Prometheus; {@code statsAllow} addresses only. */
    METRICS("metrics", "MetricsServlet", "/metrics"),
    /** The live page; {@code statsAllow} addresses only. */
    STATUS("status", "StatusServlet", "/status"),
    /** 200 when serving, 503 with a reason: for load balancers. */
    HEALTH("health", "HealthServlet", "/health");

    /** The segment that introduces a token below a prefix mapping: {@code t/{token}/...}. */
    public static final String TOKEN_SEGMENT = "t";
    /** The announce and scrape query parameter that carries the token (docs/protocol.md T6, T9). */
    public static final String TOKEN_PARAMETER = "token";
    /** The listener every context registers before its servlets. */
    public static final String LISTENER_CLASS = "dev.webseed.servlet.WebseedListener";
    /** The listener that gives access logs the request target with tokens masked (README "Access logs"). */
    public static final String ACCESS_LOG_LISTENER_CLASS = "dev.webseed.servlet.AccessLogMask";
    private static final String SERVLET_PACKAGE = "dev.webseed.servlet.";

    private final String servletName;
    private final String servletClass;
    private final List<String> urlPatterns;

    Route(String servletName, String simpleClassName, String... urlPatterns) {
        this.servletName = servletName;
        this.servletClass = SERVLET_PACKAGE + simpleClassName;
        this.urlPatterns = List.of(urlPatterns);
    }

    /** The {@code servlet-name}. */
    public String servletName() {
        return servletName;
    }

    /** The fully qualified {@code servlet-class}. */
    public String servletClass() {
        return servletClass;
    }

    /**
     * The {@code async-supported} flag: the tracker's announces wait for a shared store (Redis)
     * without holding a request thread; the other servlets answer on the request thread.
     */
    public boolean asyncSupported() {
        return this == TRACKER;
    }

    /** The {@code url-pattern}s, the first one the route's own URL. */
    public List<String> urlPatterns() {
        return urlPatterns;
    }

    /**
     * The route's URL relative to the context base (which ends in {@code /}): {@code seed/} for
     * {@code /seed/*}, {@code announce} for {@code /announce}.
     */
    public String relative() {
        String pattern = urlPatterns.get(0);
        if (pattern.isEmpty()) {
            return ""; // the context root
        }
        return pattern.endsWith("/*") ? pattern.substring(1, pattern.length() - 1) : pattern.substring(1);
    }

    /** {@link #relative()} with the token segment: {@code seed/t/{encoded token}/}. */
    public String relative(String token) {
        return relative() + TOKEN_SEGMENT + "/" + UrlPath.encode(token) + "/";
    }

    /** The BEP 48 scrape URL relative to the context base. */
    public static String scrape() {
        return TRACKER.urlPatterns.get(1).substring(1);
    }
}
