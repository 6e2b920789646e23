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
import dev.webseed.stats.WebseedStats;
import dev.webseed.shared.SharedState;
import dev.webseed.shared.SharedStates;
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
    private final SharedState shared;

    private Webseed(WebseedConfig config, Clock clock, Executor publicationRuns) {
        this.config = config;
        this.clock = clock;
        this.content = ContentRoot.open(config);
        this.stats = new WebseedStats();
        // several servers (redisUrl): swarms, budgets and revocations shared; opening never waits for Redis
        this.shared = SharedStates.open(config, clock).orElse(null);
        // before the publisher starts threads: a bad key file fails start-up with nothing to stop
        this.paygate = paygateConfigured(config)
                ? Paygate.fromConfig(config, clock, shared == null ? null : shared.paygate()) : null;
        this.publisher = Publisher.start(config, content, clock, publicationRuns);
        this.access = PaidAccess.of(paygate, publisher);
        this.tracker = config.get(Settings.TRACKER_ENABLED)
                ? Tracker.create(config, publisher::isPublished, clock, shared == null ? null : shared.swarms(),
                        paygate == null ? SwarmGate.OPEN : access::swarmRefusal) : null;
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
        if (shared != null) {
            shared.close();
        }
    }
}
