package dev.webseed.origin;

/**
 * Which 16 KiB blocks of one version of one file the origin has sent at least once: one bit a block
 * (about 400 KB for a 50 GB film). A block counts as sent when any byte of it was handed to a
 * response; an aborted response therefore marks a little more than it delivered, which only costs
 * those blocks their priority. Thread-safe.
 */
final class SentRecord {
    /** 16 KiB: the request size of BitTorrent peers (BEP 3), the unit libtorrent asks pieces in. */
    static final int BLOCK_SHIFT = 14;
    static final long BLOCK = 1L << BLOCK_SHIFT;

    private final long length;
    private final String version;
    private final long[] words;
    private long checkedAt = Long.MIN_VALUE;

    SentRecord(long length, String version) {
        this.length = length;
        this.version = version;
        this.words = new long[Math.toIntExact((blocks(length) + 63) >>> 6)];
    }

    /** Bytes of memory a record of a file this long takes. */
    static long bytesFor(long length) {
        return ((blocks(length) + 63) >>> 6) * Long.BYTES;
    }

    private static long blocks(long length) {
        return (length + BLOCK - 1) >>> BLOCK_SHIFT;
    }

    boolean describes(long length, String version) {
        return this.length == length && this.version.equals(version);
    }

    long bytes() {
        return (long) words.length * Long.BYTES;
    }

    synchronized boolean isSent(long offset) {
        return bit(offset >>> BLOCK_SHIFT);
    }

    /**
     * The end (exclusive, at most {@code limit}) of the run of blocks from {@code offset} that share
     * its state, sent or not.
     */
    synchronized long runEnd(long offset, long limit) {
        long block = offset >>> BLOCK_SHIFT;
        boolean state = bit(block);
        long end = (block + 1) << BLOCK_SHIFT;
        while (end < limit && bit(end >>> BLOCK_SHIFT) == state) {
            end += BLOCK;
        }
        return Math.min(end, limit);
    }

    /** True when a block that {@code [from, to)} touches was never sent. */
    synchronized boolean anyUnsent(long from, long to) {
        if (from >= to) {
            return false;
        }
        long firstBlock = from >>> BLOCK_SHIFT;
        long lastBlock = (to - 1) >>> BLOCK_SHIFT;
        for (long word = firstBlock >>> 6; word <= lastBlock >>> 6; word++) {
            long mask = -1L;
            if (word == firstBlock >>> 6) {
                mask &= -1L << firstBlock; // bits from firstBlock (the shift uses its low six bits)
            }
            if (word == lastBlock >>> 6) {
                mask &= -1L >>> (63 - (lastBlock & 63));
            }
            if ((~words[(int) word] & mask) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Marks the blocks that {@code [from, to)} touches as sent; returns how many of its bytes lay in blocks not sent before. */
    synchronized long mark(long from, long to) {
        long fresh = 0;
        for (long block = from >>> BLOCK_SHIFT; (block << BLOCK_SHIFT) < to; block++) {
            int word = (int) (block >>> 6);
            long mask = 1L << block; // Java masks the shift to the low six bits: the bit within the word
            if ((words[word] & mask) == 0) {
                words[word] |= mask;
                long start = Math.max(from, block << BLOCK_SHIFT);
                long end = Math.min(to, (block + 1) << BLOCK_SHIFT);
                fresh += end - start;
            }
        }
        return fresh;
    }

    /** True when the swarm may be asked again: the first time, then at most once every {@code every} nanos. */
    synchronized boolean dueForCheck(long now, long every) {
        if (checkedAt != Long.MIN_VALUE && now - checkedAt < every) {
            return false;
        }
        checkedAt = now;
        return true;
    }

    synchronized void clear() {
        java.util.Arrays.fill(words, 0L);
    }

    private boolean bit(long block) {
        int word = (int) (block >>> 6);
        return word < words.length && (words[word] & (1L << block)) != 0;
    }
}
