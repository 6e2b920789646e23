package dev.webseed.origin;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.Test;

import dev.webseed.origin.OriginSnapshot.Counts;
import dev.webseed.seed.ContentSender;
import dev.webseed.testing.SteppingClock;

/**
 * The scheduler as the web seed uses it: a sender wrapped, files opened and spans sent. The inner
 * sender writes a known pattern; the clock is stepped by the parker, so a paced response "waits" by
 * moving fake time and nothing sleeps.
 */
final class OriginSchedulerTest {
    private static final long BLOCK = SentRecord.BLOCK;
    private static final Path ROOT = Path.of("/srv/films");
    private static final Path FILM = ROOT.resolve("film.mkv");
    private static final long LENGTH = 64 * BLOCK; // 1 MiB
    private static final Duration ALONE = Duration.ofSeconds(5);

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final AtomicLong parkedNanos = new AtomicLong();
    private final Parker parker = (grant, nanos) -> {
        parkedNanos.addAndGet(nanos);
        clock.advance(Duration.ofNanos(nanos));
    };
    private final AtomicBoolean swarmGone = new AtomicBoolean();
    private final Recording inner = new Recording();

    private OriginScheduler scheduler(long rate, long recordBytes) {
        return scheduler(rate, 100, recordBytes);
    }

    private OriginScheduler scheduler(long rate, int repeatPercent, long recordBytes) {
        return OriginScheduler.create(rate, repeatPercent, recordBytes, ALONE, p -> ROOT.relativize(p).toString().replace('\\', '/'),
                clock, parker, path -> swarmGone.get());
    }

    @Test
    void withoutABudgetNothingWaitsAndEveryByteIsClassified() throws IOException {
        OriginScheduler scheduler = scheduler(0, 1 << 20);
        ContentSender sender = scheduler.wrap(inner);
        assertThat("bytes exact", send(sender, FILM, 0, 4 * BLOCK), is(pattern(0, 4 * BLOCK)));
        send(sender, FILM, 2 * BLOCK, 4 * BLOCK); // blocks 2, 3 again, then 4, 5 new
        Counts film = scheduler.snapshot().files().get("film.mkv");
        assertThat("first copies", film.firstCopyBytes(), is(6 * BLOCK));
        assertThat("repeats", film.repeatBytes(), is(2 * BLOCK));
        assertThat("nothing paced", film.paced(), is(Duration.ZERO));
        assertThat("no wait at all", parkedNanos.get(), is(0L));
        assertThat("one write per span, unsplit", inner.calls, is(List.of("0+65536", "32768+65536")));
        assertThat("total", scheduler.snapshot().total(), is(film));
    }

    @Test
    void withoutABudgetAClientThatCutsARangeShortIsCountedForWhatItGot() throws IOException {
        OriginScheduler scheduler = scheduler(0, 1 << 20);
        ContentSender sender = scheduler.wrap(new ContentSender() {
            @Override
            public Session open(Path file, long length, String version) {
                return new Session() {
                    @Override
                    public void send(long offset, long length, OutputStream out, LongConsumer written)
                            throws IOException {
                        written.accept(BLOCK + BLOCK / 2); // one and a half blocks left, then the client went away
                        throw new IOException("client closed");
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        });
        try (ContentSender.Session session = sender.open(FILM, LENGTH, "v")) {
            session.send(0, 8 * BLOCK, OutputStream.nullOutputStream(), n -> { });
            throw new AssertionError("the write failure must reach the caller");
        } catch (IOException expected) {
            // the client's abort
        }
        Counts film = scheduler.snapshot().files().get("film.mkv");
        assertThat("what left, not the 8 blocks asked for", film.firstCopyBytes(), is(BLOCK + BLOCK / 2));
        assertThat("nothing repeated", film.repeatBytes(), is(0L));
        send(scheduler.wrap(inner), FILM, 0, 2 * BLOCK);
        assertThat("the half-sent block counts as sent; block 0 too", scheduler.snapshot().files().get("film.mkv")
                .repeatBytes(), is(2 * BLOCK));
    }

    @Test
    void aBudgetSplitsResponsesIntoGrantsOfOneClassAndPacesThem() throws IOException {
        long rate = 1_000_000;
        OriginScheduler scheduler = scheduler(rate, 1 << 20);
        ContentSender sender = scheduler.wrap(inner);
        send(sender, FILM, 3 * BLOCK, 2 * BLOCK); // blocks 3 and 4 sent before
        inner.calls.clear();
        byte[] body = send(sender, FILM, 0, 8 * BLOCK);
        assertThat("bytes exact across grants", body, is(pattern(0, 8 * BLOCK)));
        assertThat("cut where the class changes and at 64 KiB", inner.calls,
                is(List.of("0+49152", "49152+32768", "81920+49152")));
        Counts film = scheduler.snapshot().files().get("film.mkv");
        assertThat("first copies", film.firstCopyBytes(), is(8 * BLOCK));
        assertThat("repeats", film.repeatBytes(), is(2 * BLOCK));
        assertThat("the waits are counted as paced", film.paced(), is(Duration.ofNanos(parkedNanos.get())));
        // 10 blocks at 1 MB/s; the first 64 KiB came from the idle bucket
        long expected = (10 * BLOCK - Pacer.GRANT_BYTES) * 1_000_000_000L / rate;
        assertThat("paced for the budget, give or take one grant", Math.abs(parkedNanos.get() - expected)
                <= Pacer.GRANT_BYTES * 1_000_000_000L / rate, is(true));
    }

    @Test
    void plainRepeatsGetTheirShareButRepeatsBeforeFirstCopiesGoAtFullRate() throws IOException {
        OriginScheduler scheduler = scheduler(1_000_000, 25, 1 << 20);
        ContentSender sender = scheduler.wrap(inner);
        send(sender, FILM, 0, 16 * BLOCK); // blocks 0-15 sent once
        long plain;
        long unlocking;
        try (ContentSender.Session other = sender.open(FILM, LENGTH, "v")) { // another client pulling
            plain = parkedDuring(() -> send(sender, FILM, 0, 16 * BLOCK));
            unlocking = parkedDuring(() -> send(sender, FILM, 0, 32 * BLOCK)); // 16 repeats, then 16 new
        }
        // per byte, plain repeats at 25% of the rate wait four times as long as the unlocking response at
        // the full rate, less the grant each bucket had saved up (the unlocking one sends twice the bytes)
        assertThat("plain " + plain + " ns for 256 KiB, unlocking " + unlocking + " ns for 512 KiB",
                plain > unlocking, is(true));
        assertThat("per byte", plain / (16.0 * BLOCK) > 2 * unlocking / (32.0 * BLOCK), is(true));
        assertThat(scheduler.snapshot().total().repeatBytes(), is(32 * BLOCK));
    }

    @Test
    void withoutATrackerRepeatsAreNotHeldBack() throws IOException {
        OriginScheduler scheduler = OriginScheduler.create(1_000_000, 25, 1 << 20, ALONE,
                p -> ROOT.relativize(p).toString(), clock, parker, SwarmPresence.UNKNOWN);
        ContentSender sender = scheduler.wrap(inner);
        send(sender, FILM, 0, 16 * BLOCK);
        long first = parkedDuring(() -> send(sender, FILM, 16 * BLOCK, 16 * BLOCK));
        long repeat = parkedDuring(() -> send(sender, FILM, 0, 16 * BLOCK));
        assertThat("first " + first + " ns, repeat " + repeat + " ns", repeat, is(first));
    }

    @Test
    void aLonePeerIsNotHeldToTheShareWhenStaleTrackerEntriesSayTheSwarmIsThere() throws IOException {
        // the swarm left without 'stopped' announces: the tracker still lists it (swarmGone false)
        OriginScheduler scheduler = scheduler(1_000_000, 25, 1 << 20);
        ContentSender sender = scheduler.wrap(inner);
        try (ContentSender.Session other = sender.open(FILM, LENGTH, "v")) { // while two clients pulled
            send(sender, FILM, 0, 32 * BLOCK);
        }
        long crowded = parkedDuring(() -> {
            try (ContentSender.Session other = sender.open(FILM, LENGTH, "v")) {
                send(sender, FILM, 0, 16 * BLOCK);
            }
        });
        clock.advance(ALONE); // nobody else for the window
        long alone = parkedDuring(() -> send(sender, FILM, 0, 16 * BLOCK));
        assertThat("held to 25% with another client, " + crowded + " ns; at the full rate alone, " + alone + " ns",
                crowded > 3 * alone, is(true));
        Counts total = scheduler.snapshot().total();
        assertThat("still counted as repeats", total.repeatBytes(), is(32 * BLOCK));
        assertThat("the record was not forgotten", total.resets(), is(0L));
    }

    @Test
    void aSecondClientArrivingHoldsRepeatsToTheShareAgain() throws IOException {
        OriginScheduler scheduler = scheduler(1_000_000, 25, 1 << 20);
        ContentSender sender = scheduler.wrap(inner);
        send(sender, FILM, 0, 48 * BLOCK);
        long alone = parkedDuring(() -> send(sender, FILM, 0, 48 * BLOCK));
        long joined = parkedDuring(() -> {
            try (ContentSender.Session other = sender.open(FILM, LENGTH, "v")) {
                send(sender, FILM, 0, 48 * BLOCK);
            }
        });
        long justAfter = parkedDuring(() -> send(sender, FILM, 0, 48 * BLOCK)); // within the window
        assertThat("alone " + alone + " ns, joined " + joined + " ns", joined > 2 * alone, is(true));
        assertThat("alone " + alone + " ns, just after " + justAfter + " ns", justAfter > 2 * alone, is(true));
    }

    private interface Sending {
        void run() throws IOException;
    }

    private long parkedDuring(Sending sending) throws IOException {
        long before = parkedNanos.get();
        sending.run();
        return parkedNanos.get() - before;
    }

    @Test
    void aLatePeerAfterTheSwarmLeftIsServedAsAFirstDownloader() throws IOException {
        OriginScheduler scheduler = scheduler(0, 1 << 20);
        ContentSender sender = scheduler.wrap(inner);
        send(sender, FILM, 0, LENGTH);
        send(sender, FILM, 0, BLOCK);
        assertThat("while the swarm is there: a repeat", scheduler.snapshot().total().repeatBytes(), is(BLOCK));
        swarmGone.set(true);
        clock.advance(Duration.ofSeconds(1));
        send(sender, FILM, 0, LENGTH);
        Counts total = scheduler.snapshot().total();
        assertThat("the record was forgotten once", total.resets(), is(1L));
        assertThat("and the whole film is a first copy again", total.firstCopyBytes(), is(2 * LENGTH));
        send(sender, FILM, 0, BLOCK);
        assertThat("asked at most once a second", scheduler.snapshot().total().resets(), is(1L));
    }

    @Test
    void tomcatsHandOffIsDeclinedUnderABudgetAndCountedWithoutOne() {
        ContentSender paced = scheduler(12_000_000, 1 << 20).wrap(inner);
        assertThat("under a budget every byte goes through a session", paced.mayHandOff(FILM, LENGTH, "v", 0,
                LENGTH), is(false));
        OriginScheduler unlimited = scheduler(0, 1 << 20);
        ContentSender counted = unlimited.wrap(inner);
        assertThat(counted.mayHandOff(FILM, LENGTH, "v", 0, LENGTH), is(true));
        assertThat(counted.mayHandOff(FILM, LENGTH, "v", 0, BLOCK), is(true));
        Counts film = unlimited.snapshot().files().get("film.mkv");
        assertThat(film.firstCopyBytes(), is(LENGTH));
        assertThat(film.repeatBytes(), is(BLOCK));
    }

    @Test
    void withoutARecordEveryByteIsAFirstCopySharedFairly() throws IOException {
        OriginScheduler scheduler = scheduler(1_000_000, 0);
        ContentSender sender = scheduler.wrap(inner);
        send(sender, FILM, 0, 2 * BLOCK);
        send(sender, FILM, 0, 2 * BLOCK);
        assertThat(scheduler.snapshot().total().firstCopyBytes(), is(4 * BLOCK));
        assertThat(scheduler.snapshot().recordBytes(), is(0L));
    }

    @Test
    void aPublicationIsTheSumOfItsFiles() throws IOException {
        OriginScheduler scheduler = scheduler(0, 1 << 20);
        ContentSender sender = scheduler.wrap(inner);
        send(sender, ROOT.resolve("Season1/e1.mkv"), 0, BLOCK);
        send(sender, ROOT.resolve("Season1/e2.mkv"), 0, 2 * BLOCK);
        send(sender, ROOT.resolve("Season10/e1.mkv"), 0, 4 * BLOCK);
        OriginSnapshot snapshot = scheduler.snapshot();
        assertThat(snapshot.under("Season1").firstCopyBytes(), is(3 * BLOCK));
        assertThat(snapshot.under("Season1/e2.mkv").firstCopyBytes(), is(2 * BLOCK));
        assertThat(snapshot.under("").firstCopyBytes(), is(7 * BLOCK));
        assertThat("a record per file", snapshot.recordBytes(), is(3L * Long.BYTES));
    }

    private static byte[] send(ContentSender sender, Path file, long offset, long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong counted = new AtomicLong();
        try (ContentSender.Session session = sender.open(file, LENGTH, "v")) {
            session.send(offset, length, out, counted::addAndGet);
        }
        assertThat("written reports every byte", counted.get(), is(length));
        return out.toByteArray();
    }

    private static byte[] pattern(long offset, long length) {
        byte[] bytes = new byte[(int) length];
        for (int i = 0; i < bytes.length; i++) {
            long position = offset + i; // differs between neighbouring bytes and neighbouring blocks
            bytes[i] = (byte) (position ^ (position >>> 8) ^ (position >>> 14) * 7);
        }
        return bytes;
    }

    /** Writes {@link #pattern} and records each call as "offset+length". */
    private static final class Recording implements ContentSender {
        final List<String> calls = new ArrayList<>();

        @Override
        public Session open(Path file, long length, String version) {
            return new Session() {
                @Override
                public void send(long offset, long length, OutputStream out, LongConsumer written) throws IOException {
                    calls.add(offset + "+" + length);
                    out.write(pattern(offset, length));
                    written.accept(length);
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
