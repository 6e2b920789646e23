package dev.webseed;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.origin.OriginScheduler;
import dev.webseed.origin.SwarmPresence;
import dev.webseed.paygate.Paygate;
import dev.webseed.publish.PaidAccess;
import dev.webseed.publish.Publisher;
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
    private final OriginScheduler origin;

    private Webseed(WebseedConfig config, Clock clock, Executor publicationRuns) {
        this.config = config;
        this.clock = clock;
        this.content = ContentRoot.open(config);
        this.stats = new WebseedStats();
        // before the publisher starts threads: a bad key file fails start-up with nothing to stop
        this.paygate = paygateConfigured(config) ? Paygate.fromConfig(config, clock) : null;
        this.publisher = Publisher.start(config, content, clock, publicationRuns);
        this.access = PaidAccess.of(paygate, publisher);
        this.tracker = config.get(Settings.TRACKER_ENABLED)
                ? Tracker.create(config, publisher::isPublished, clock,
                        paygate == null ? SwarmGate.OPEN : access::swarmRefusal) : null;
        this.origin = OriginScheduler.create(config, content, clock,
                tracker == null ? SwarmPresence.UNKNOWN : this::swarmGone);
    }

    /**
     * The tracker's view for the origin scheduler: every ready publication covering the file has a
     * swarm with no seeder and at most one downloader (the one asking now), so the origin's record
     * of blocks already sent no longer stands for copies in the swarm.
     */
    private boolean swarmGone(String relativePath) {
        java.util.Set<InfoHash> hashes = publisher.readyHashesCovering(relativePath);
        long now = clock.millis();
        return !hashes.isEmpty() && hashes.stream().map(hash -> tracker.store().counts(hash, now))
                .allMatch(counts -> counts.complete() == 0 && counts.incomplete() <= 1);
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

    /** The origin's egress budget and first-copy scheduler, with its counters ({@link OriginScheduler#snapshot}). */
    public OriginScheduler origin() {
        return origin;
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
