package dev.webseed.origin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.seed.ContentSender;

/**
 * The origin's egress policy, one per running origin: the budget ({@code webseedMaxRate}), the
 * records of blocks already sent ({@code webseedRecordMaxBytes}) and the counters. {@link #wrap}
 * puts it in front of any {@link ContentSender}; {@link #snapshot} reads the counters.
 *
 * <p>With no budget nothing waits: every span is only classified and counted (first copy or
 * repeat), so the operator sees what a budget would save. With a budget, responses are cut into
 * grants of at most 64 KiB of one kind each and paced by a {@link Pacer}; plain repeats are held to
 * {@code webseedRepeatShare} of the budget only while a tracker is there to say the swarm has them
 * and other clients are pulling too ({@link Crowd}: one client alone gets them at the full rate).</p>
 */
public final class OriginScheduler {
    /** How often the tracker is asked whether a file's swarm is gone (only when a repeat is seen). */
    static final long SWARM_CHECK_NANOS = 1_000_000_000L;

    private final long maxRate;
    private final Pacer pacer;
    private final SentRecords records;
    private final Function<Path, String> naming;
    private final SwarmPresence presence;
    private final LongSupplier nanos;
    private final Tally total = new Tally();
    private final Map<String, Tally> files = new ConcurrentHashMap<>();
    private final Crowd crowd;

    private OriginScheduler(long maxRate, int repeatPercent, long recordMaxBytes, Duration aloneWindow,
            Function<Path, String> naming, Clock clock, Parker parker, SwarmPresence presence) {
        if (maxRate < 0 || recordMaxBytes < 0 || repeatPercent < 1 || repeatPercent > 100
                || aloneWindow.isNegative()) {
            throw new IllegalArgumentException(
                    "maxRate, recordMaxBytes and aloneWindow must not be negative, repeatPercent 1-100");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(presence, "presence");
        this.maxRate = maxRate;
        this.nanos = () -> nanosOf(clock.instant());
        // without a tracker nobody knows whether peers have the repeats: they are not held back
        double share = presence.tracked() ? repeatPercent / 100.0 : 1;
        this.pacer = maxRate == 0 ? null
                : new Pacer(maxRate, share, nanos, Objects.requireNonNull(parker, "parker"));
        this.records = new SentRecords(recordMaxBytes);
        this.naming = Objects.requireNonNull(naming, "naming");
        this.presence = presence;
        this.crowd = new Crowd(aloneWindow.toNanos(), nanos.getAsLong());
    }

    /**
     * The scheduler of {@code webseedMaxRate}, {@code webseedRepeatShare}, {@code
     * webseedRecordMaxBytes} and {@code webseedAloneWindow}, naming files below the content root.
     */
    public static OriginScheduler create(WebseedConfig config, ContentRoot content, Clock clock,
            SwarmPresence presence) {
        return create(config.get(Settings.WEBSEED_MAX_RATE), config.get(Settings.WEBSEED_REPEAT_SHARE),
                config.get(Settings.WEBSEED_RECORD_MAX_BYTES), config.get(Settings.WEBSEED_ALONE_WINDOW),
                content::relativize, clock, Parker.WAIT, presence);
    }

    /**
     * A scheduler with explicit parts.
     *
     * @param maxRate        bytes per second for all responses together, 0 for unlimited
     * @param repeatPercent  the percent of it plain repeats may use while a tracked swarm has them
     * @param recordMaxBytes memory bound of the sent-block records
     * @param aloneWindow    how long one client must have pulled alone before its repeats go at the full rate
     * @param naming         the counter key of a file: its path below the content root
     * @param parker         how a paced response waits (tests: by advancing a fake clock)
     * @param presence       the tracker's view, to forget records of swarms that are gone
     */
    public static OriginScheduler create(long maxRate, int repeatPercent, long recordMaxBytes, Duration aloneWindow,
            Function<Path, String> naming, Clock clock, Parker parker, SwarmPresence presence) {
        return new OriginScheduler(maxRate, repeatPercent, recordMaxBytes, Objects.requireNonNull(aloneWindow,
                "aloneWindow"), naming, clock, parker, presence);
    }

    /** {@code sender} with every span classified, counted and, under a budget, paced. */
    public ContentSender wrap(ContentSender sender) {
        return new ScheduledSender(Objects.requireNonNull(sender, "sender"), this);
    }

    /** True when a budget is set: spans must pass through a session, a hand-off would bypass it. */
    public boolean paces() {
        return pacer != null;
    }

    /** The counters now. */
    public OriginSnapshot snapshot() {
        java.util.SortedMap<String, OriginSnapshot.Counts> perFile = new TreeMap<>();
        files.forEach((name, tally) -> perFile.put(name, tally.read()));
        return new OriginSnapshot(maxRate, total.read(), records.bytes(), records.maxBytes(), perFile);
    }

    /** What a response needs about its file: the counter key, the record (null: none fits) and the tally. */
    Served served(Path file, long length, String version) {
        String name = naming.apply(file);
        return new Served(name, records.of(file.toString(), length, version),
                files.computeIfAbsent(name, n -> new Tally()));
    }

    /** A web seed response starts. */
    void opened() {
        crowd.opened(nanos.getAsLong());
    }

    /** A web seed response ends. */
    void closed() {
        crowd.closed(nanos.getAsLong());
    }

    /**
     * The kind of a plain repeat: {@link Pacer.Kind#SOLE_REPEAT} when one client alone has been
     * pulling from the web seed for {@code webseedAloneWindow} (nobody to share the budget with, whatever the
     * tracker still lists), else {@link Pacer.Kind#REPEAT}, held to the share.
     */
    Pacer.Kind repeatKind() {
        return crowd.alone(nanos.getAsLong()) ? Pacer.Kind.SOLE_REPEAT : Pacer.Kind.REPEAT;
    }

    Pacer pacer() {
        return pacer;
    }

    /**
     * Forgets the record when the block at {@code offset} was sent before and the tracker shows
     * nobody left to supply it (asked at most once a second per file).
     */
    void resetIfGone(Served served, long offset) {
        SentRecord record = served.record();
        if (record != null && record.isSent(offset) && record.dueForCheck(nanos.getAsLong(), SWARM_CHECK_NANOS)
                && presence.gone(served.name())) {
            record.clear();
            served.tally().reset();
            total.reset();
        }
    }

    /** Records that {@code [from, to)} is being sent after waiting {@code waited} nanoseconds. */
    void sent(Served served, long from, long to, long waited) {
        long fresh = served.record() == null ? to - from : served.record().mark(from, to);
        served.tally().sent(fresh, to - from - fresh);
        total.sent(fresh, to - from - fresh);
        served.tally().paced(waited);
        total.paced(waited);
    }

    private static long nanosOf(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** One file as a response sees it. */
    record Served(String name, SentRecord record, Tally tally) {
    }
}
