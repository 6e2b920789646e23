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
import dev.webseed.publish.Publisher;
import dev.webseed.stats.Denials;
import dev.webseed.stats.SwarmTraffic;
import dev.webseed.stats.WebseedStats;
import dev.webseed.shared.PublishedElsewhere;
import dev.webseed.shared.PublishedTorrents;
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
    private final SharedState shared;
    private final SwarmTraffic swarmTraffic;
    private final Denials denials = new Denials();
    private final java.time.Instant startedAt;
    private final OriginScheduler origin;

    private Webseed(WebseedConfig config, Clock clock, Executor publicationRuns) {
        this.config = config;
        this.clock = clock;
        // several servers (redisUrl): swarms, budgets, revocations and grace shared; opening never waits for Redis
        this.shared = SharedStates.open(config, clock).orElse(null);
        this.startedAt = clock.instant();
        this.swarmTraffic = new SwarmTraffic(clock, config.get(Settings.STATS_WINDOW),
                config.get(Settings.MAX_TORRENTS), config.get(Settings.STATS_MAX_PEERS),
                config.get(Settings.PEER_TIMEOUT));
        // before the publisher starts threads: a bad key file fails start-up with nothing to stop
        Paygate configured = Paygate.ifConfigured(config, clock, shared == null ? null : shared.paygate());
        this.content = ContentRoot.open(config, configured::isPaid); // no link leads into paid content
        this.stats = new WebseedStats(clock, config.get(Settings.STATS_WINDOW), config.get(Settings.MAX_TORRENTS));
        Publisher.Builder publishing = Publisher.builder(config, content).clock(clock).paid(configured::isPaid)
                .sharing(shared == null ? PublishedTorrents.NONE : shared.published());
        this.publisher = (publicationRuns == null ? publishing : publishing.runs(publicationRuns)).start();
        this.paygate = configured.over(publisher).countingDenials(denials);
        this.tracker = config.get(Settings.TRACKER_ENABLED)
                ? shareSwarms(Tracker.builder(config, gate()).clock(clock).listener(swarmTraffic)).build() : null;
        this.origin = OriginScheduler.create(config, content, clock,
                tracker == null ? SwarmPresence.UNKNOWN : this::swarmGone);
    }

    /**
     * The paygate's gate; with several servers, asking the torrents they published for a swarm this
     * server does not publish. An open tracker tracks unknown swarms anyway: there the registry is
     * asked only when some swarm may be paid, so an open tracker of free content pays no lookup.
     */
    private SwarmGate gate() {
        boolean ask = shared != null && (!config.get(Settings.TRACKER_OPEN) || paygate.protectsAnything());
        return ask ? paygate.swarmGate(new PublishedElsewhere(shared.published(), config.get(Settings.MAX_TORRENTS)))
                : paygate.swarmGate();
    }

    private Tracker.Builder shareSwarms(Tracker.Builder tracker) {
        return shared == null ? tracker : tracker.store(shared.swarms());
    }

    /**
     * The tracker's view for the origin scheduler: every ready publication covering the file has a
     * swarm with no seeder and at most one downloader (the one asking now), so the origin's record
     * of blocks already sent no longer stands for copies in the swarm.
     */
    private boolean swarmGone(String relativePath) {
        java.util.Set<InfoHash> hashes = publisher.hashesCovering(relativePath);
        return !hashes.isEmpty() && hashes.stream().map(tracker::counts)
                .allMatch(counts -> counts.complete() == 0 && counts.incomplete() <= 1);
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

    /** Paygate denials by reason. */
    public Denials denials() {
        return denials;
    }

    /** The tracker, or empty when {@code trackerEnabled} is false. */
    public Optional<Tracker> tracker() {
        return Optional.ofNullable(tracker);
    }

    /**
     * The paygate over the publications, which the webseed, the torrent endpoint and the tracker
     * ask; {@link Paygate#open()}-like (nothing needs a token) unless a paygate key ({@code
     * paygatePublicKeys}, {@code paygateHmacSecretFile}) or {@code paygateProtect} is set.
     */
    public Paygate paygate() {
        return paygate;
    }

    /** The origin's egress budget and first-copy scheduler, with its counters ({@link OriginScheduler#snapshot}). */
    public OriginScheduler origin() {
        return origin;
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
