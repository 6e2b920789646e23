package dev.webseed;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.paygate.Paygate;
import dev.webseed.publish.PaidAccess;
import dev.webseed.publish.Publisher;
import dev.webseed.stats.Refusals;
import dev.webseed.stats.SwarmTraffic;
import dev.webseed.stats.WebseedStats;
import dev.webseed.tracker.SwarmGate;
import dev.webseed.tracker.Tracker;

/**
 * One running Webseed origin: the content root, the publisher that hashes and registers torrents,
 * the byte counters, the paygate and the tracker, built once from a configuration and shared by every servlet
 * (through the servlet context attribute {@link #ATTRIBUTE}, set by
 * {@link dev.webseed.servlet.WebseedListener}).
 */
public final class Webseed implements AutoCloseable {
    /** The servlet context attribute holding the running instance. */
    public static final String ATTRIBUTE = Webseed.class.getName();

    private final WebseedConfig config;
    private final Clock clock;
    private final ContentRoot content;
    private final WebseedStats stats;
    private final Publisher publisher;
    private final Tracker tracker;
    private final Paygate paygate;
    private final PaidAccess access;
    private final SwarmTraffic swarmTraffic;
    private final Refusals refusals = new Refusals();
    private final java.time.Instant startedAt;

    private Webseed(WebseedConfig config, Clock clock, Executor publicationRuns) {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.content = ContentRoot.open(config);
        this.stats = new WebseedStats(clock, config.get(Settings.STATS_WINDOW), config.get(Settings.MAX_TORRENTS));
        this.swarmTraffic = new SwarmTraffic(clock, config.get(Settings.STATS_WINDOW),
                config.get(Settings.MAX_TORRENTS), config.get(Settings.STATS_MAX_PEERS), config.get(Settings.PEER_TIMEOUT));
        // before the publisher starts threads: a bad key file fails start-up with nothing to stop
        this.paygate = paygateConfigured(config) ? Paygate.fromConfig(config, clock) : null;
        this.publisher = Publisher.start(config, content, clock, publicationRuns);
        this.access = PaidAccess.of(paygate, publisher, refusals);
        this.tracker = config.get(Settings.TRACKER_ENABLED)
                ? Tracker.create(config, publisher::isPublished, clock,
                        paygate == null ? SwarmGate.OPEN : access::swarmRefusal) : null;
        if (tracker != null) {
            tracker.listen(swarmTraffic);
        }
    }

    /** Any paygate setting present: keys to verify with, or content to protect. */
    private static boolean paygateConfigured(WebseedConfig config) {
        return config.find(Settings.PAYGATE_PUBLIC_KEYS).isPresent()
                || config.find(Settings.PAYGATE_HMAC_SECRET_FILE).isPresent()
                || !config.get(Settings.PAYGATE_PROTECT).isEmpty();
    }

    /** Starts with the system clock. */
    public static Webseed start(WebseedConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts with an injected clock (tests use a fake one; nothing here sleeps). */
    public static Webseed start(WebseedConfig config, Clock clock) {
        return start(config, clock, null);
    }

    /**
     * Starts with an injected clock and the executor that runs publications ({@code null}: the
     * publisher's own background thread); tests pass one they release by hand.
     */
    public static Webseed start(WebseedConfig config, Clock clock, Executor publicationRuns) {
        return new Webseed(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"),
                publicationRuns);
    }

    public WebseedConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public ContentRoot content() {
        return content;
    }

    public WebseedStats stats() {
        return stats;
    }

    public Publisher publisher() {
        return publisher;
    }

    /** What the swarm reports to the tracker: announces, scrapes, downloaded bytes. */
    public SwarmTraffic swarmTraffic() {
        return swarmTraffic;
    }

    /** When this instance started, by its clock. */
    public java.time.Instant startedAt() {
        return startedAt;
    }

    /** Paygate refusals by reason. */
    public Refusals refusals() {
        return refusals;
    }

    /** The tracker, or empty when {@code trackerEnabled} is false. */
    public Optional<Tracker> tracker() {
        return Optional.ofNullable(tracker);
    }

    /**
     * The paygate, present when a paygate key ({@code paygatePublicKeys}, {@code
     * paygateHmacSecretFile}) or {@code paygateProtect} is set; empty means nothing needs a token.
     */
    public Optional<Paygate> paygate() {
        return Optional.ofNullable(paygate);
    }

    /** The paygate applied to the publications (the webseed, torrent endpoint and tracker ask it). */
    public PaidAccess access() {
        return access;
    }

    @Override
    public void close() {
        if (tracker != null) {
            tracker.close();
        }
        publisher.close();
    }
}
