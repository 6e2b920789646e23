package dev.webseed.origin;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records of every file served, bounded in total by {@code webseedRecordMaxBytes}: beyond it the
 * least recently served file's record is dropped (its blocks then count as never sent, the safe side
 * for a swarm that may be gone). A file replaced on disk (another length or entity tag) starts a new
 * record. With a bound of 0, or a file whose record alone exceeds it, there is no record: every byte
 * counts as a first copy and the budget is shared fairly. Thread-safe.
 */
final class SentRecords {
    private final long maxBytes;
    private final LinkedHashMap<String, SentRecord> byFile = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    SentRecords(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The record of this version of the file, made when missing; null when it cannot fit. */
    synchronized SentRecord of(String file, long length, String version) {
        SentRecord record = byFile.get(file);
        if (record != null && record.describes(length, version)) {
            return record;
        }
        if (record != null) {
            byFile.remove(file);
            bytes -= record.bytes();
        }
        long needed = SentRecord.bytesFor(length);
        if (needed > maxBytes) {
            return null;
        }
        Iterator<Map.Entry<String, SentRecord>> eldest = byFile.entrySet().iterator();
        while (bytes + needed > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
        record = new SentRecord(length, version);
        byFile.put(file, record);
        bytes += record.bytes();
        return record;
    }

    synchronized long bytes() {
        return bytes;
    }

    long maxBytes() {
        return maxBytes;
    }
}
