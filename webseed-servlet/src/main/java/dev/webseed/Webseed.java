package dev.webseed;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.publish.Publisher;
import dev.webseed.stats.WebseedStats;
import dev.webseed.tracker.Tracker;

/**
 * One running Webseed origin: the content root, the publisher that hashes and registers torrents,
 * the byte counters and the tracker, built once from a configuration and shared by every servlet
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

    private Webseed(WebseedConfig config, Clock clock, Executor publicationRuns) {
        this.config = config;
        this.clock = clock;
        this.content = ContentRoot.open(config);
        this.stats = new WebseedStats();
        this.publisher = Publisher.start(config, content, clock, publicationRuns);
        this.tracker = config.get(Settings.TRACKER_ENABLED)
                ? Tracker.create(config, publisher::isPublished, clock) : null;
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

    @Override
    public void close() {
        if (tracker != null) {
            tracker.close();
        }
        publisher.close();
    }
}
