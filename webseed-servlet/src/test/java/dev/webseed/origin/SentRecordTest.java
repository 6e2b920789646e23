package dev.webseed.origin;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;

import org.junit.jupiter.api.Test;

/** The record of blocks sent, and the bound on all records together. */
final class SentRecordTest {
    private static final long BLOCK = SentRecord.BLOCK;

    @Test
    void aFiftyGigabyteFilmTakesAbout400Kilobytes() {
        assertThat(SentRecord.bytesFor(50_000_000_000L), is(381_472L));
        assertThat("a block is 16 KiB", BLOCK, is(16_384L));
    }

    @Test
    void bytesCountAsFirstCopyOnlyInBlocksNeverTouched() {
        SentRecord record = new SentRecord(10 * BLOCK, "v1");
        assertThat("a half block, new", record.mark(0, BLOCK / 2), is(BLOCK / 2));
        assertThat("the other half: its block was already touched", record.mark(BLOCK / 2, BLOCK), is(0L));
        assertThat("blocks 1 and 2 new, block 0 not", record.mark(100, 3 * BLOCK), is(2 * BLOCK));
        assertThat("sent", record.isSent(2 * BLOCK + 5), is(true));
        assertThat("not sent", record.isSent(3 * BLOCK), is(false));
    }

    @Test
    void runsEndWhereTheStateChangesOrAtTheLimit() {
        SentRecord record = new SentRecord(10 * BLOCK, "v1");
        record.mark(2 * BLOCK, 4 * BLOCK);
        assertThat("unsent run 0..2", record.runEnd(10, 10 * BLOCK), is(2 * BLOCK));
        assertThat("sent run 2..4", record.runEnd(2 * BLOCK + 1, 10 * BLOCK), is(4 * BLOCK));
        assertThat("cut at the limit", record.runEnd(4 * BLOCK, 5 * BLOCK + 7), is(5 * BLOCK + 7));
    }

    @Test
    void anyUnsentLooksAcrossWords() {
        SentRecord record = new SentRecord(200 * BLOCK, "v1");
        record.mark(0, 200 * BLOCK);
        assertThat("all sent", record.anyUnsent(0, 200 * BLOCK), is(false));
        record.clear();
        record.mark(0, 130 * BLOCK);
        assertThat("block 130 in the third word", record.anyUnsent(5, 131 * BLOCK), is(true));
        assertThat("up to block 129", record.anyUnsent(5, 130 * BLOCK), is(false));
        assertThat("empty span", record.anyUnsent(10, 10), is(false));
        assertThat("one block in the middle of a word", record.anyUnsent(63 * BLOCK + 1, 64 * BLOCK + 2), is(false));
    }

    @Test
    void theLastPartialBlockAndTheFileEndAreHandled() {
        long length = 3 * BLOCK + 10;
        SentRecord record = new SentRecord(length, "v1");
        assertThat(record.mark(3 * BLOCK, length), is(10L));
        assertThat(record.runEnd(2 * BLOCK, length), is(3 * BLOCK));
        assertThat(record.runEnd(3 * BLOCK, length), is(length));
    }

    @Test
    void clearForgetsEverything() {
        SentRecord record = new SentRecord(4 * BLOCK, "v1");
        record.mark(0, 4 * BLOCK);
        record.clear();
        assertThat(record.mark(0, 4 * BLOCK), is(4 * BLOCK));
    }

    @Test
    void theSwarmIsAskedAtMostOncePerPeriod() {
        SentRecord record = new SentRecord(BLOCK, "v1");
        assertThat("first time", record.dueForCheck(0, 1000), is(true));
        assertThat("too soon", record.dueForCheck(999, 1000), is(false));
        assertThat("a period later", record.dueForCheck(1000, 1000), is(true));
    }

    @Test
    void recordsStayWithinTheirBoundDroppingTheLeastRecentlyServed() {
        long oneRecord = SentRecord.bytesFor(64 * BLOCK); // one word: 8 bytes
        SentRecords records = new SentRecords(2 * oneRecord);
        SentRecord a = records.of("a", 64 * BLOCK, "v");
        SentRecord b = records.of("b", 64 * BLOCK, "v");
        assertThat("a is served again, so b is now the eldest", records.of("a", 64 * BLOCK, "v"), sameInstance(a));
        records.of("c", 64 * BLOCK, "v");
        assertThat("within the bound", records.bytes(), is(2 * oneRecord));
        assertThat("a kept", records.of("a", 64 * BLOCK, "v"), sameInstance(a));
        assertThat("b dropped: a new record", records.of("b", 64 * BLOCK, "v") == b, is(false));
    }

    @Test
    void aRewrittenFileStartsANewRecord() {
        SentRecords records = new SentRecords(1 << 20);
        SentRecord old = records.of("film", 64 * BLOCK, "v1");
        old.mark(0, BLOCK);
        SentRecord fresh = records.of("film", 64 * BLOCK, "v2");
        assertThat(fresh.isSent(0), is(false));
        assertThat("the old one's memory is given back", records.bytes(), is(SentRecord.bytesFor(64 * BLOCK)));
    }

    @Test
    void aFileWhoseRecordCannotFitHasNone() {
        SentRecords records = new SentRecords(8);
        assertThat(records.of("huge", 65 * BLOCK, "v"), nullValue());
        assertThat(new SentRecords(0).of("tiny", 1, "v"), nullValue());
    }
}
