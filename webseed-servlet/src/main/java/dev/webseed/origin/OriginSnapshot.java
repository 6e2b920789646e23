package dev.webseed.origin;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The origin scheduler's counters at one moment, in total and per served file (the key is the
 * file's {@code /}-separated path below the content root, as in URLs and torrents); {@link #under}
 * sums a publication (a file, or a folder and everything in it).
 *
 * @param maxRate            the budget, bytes per second ({@code 0}: unlimited)
 * @param total              every decision since start
 * @param recordBytes        memory the sent-block records take now
 * @param recordMaxBytes     their bound ({@code webseedRecordMaxBytes})
 * @param files              per file, sorted by path
 */
public record OriginSnapshot(long maxRate, Counts total, long recordBytes, long recordMaxBytes,
        SortedMap<String, Counts> files) {

    public OriginSnapshot {
        files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /**
     * What the scheduler decided for some bytes.
     *
     * @param firstCopyBytes bytes of blocks the origin had never sent before
     * @param repeatBytes    bytes of blocks it had sent before (peers could have supplied them)
     * @param paced          time responses waited for the budget
     * @param resets         times a record was forgotten because the tracker showed the swarm gone
     */
    public record Counts(long firstCopyBytes, long repeatBytes, Duration paced, long resets) {
        public static final Counts ZERO = new Counts(0, 0, Duration.ZERO, 0);

        /** First-copy plus repeat bytes: everything the web seed sent. */
        public long bytes() {
            return firstCopyBytes + repeatBytes;
        }

        Counts plus(Counts other) {
            return new Counts(firstCopyBytes + other.firstCopyBytes, repeatBytes + other.repeatBytes,
                    paced.plus(other.paced), resets + other.resets);
        }
    }

    /**
     * The counts of one file, or the sum over a folder's files; zero when nothing there was served.
     * Reads only the entries under the path (the map is sorted: they are one range), so a view can
     * ask for a few publications among many files.
     */
    public Counts under(String relativePath) {
        if (relativePath.isEmpty()) {
            return files.values().stream().reduce(Counts.ZERO, Counts::plus);
        }
        // '0' is the character after '/': the range holds exactly the paths that start with "path/"
        Counts sum = files.getOrDefault(relativePath, Counts.ZERO);
        for (Counts counts : files.subMap(relativePath + "/", relativePath + "0").values()) {
            sum = sum.plus(counts);
        }
        return sum;
    }
}
