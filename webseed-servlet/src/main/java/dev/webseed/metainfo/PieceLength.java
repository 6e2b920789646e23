package dev.webseed.metainfo;

/**
 * Chooses the piece length of a torrent. BEP 3 only asks for a power of two; the automatic choice
 * aims at about 1,500 pieces (small .torrent files, fine-grained verification) and stays within
 * 16 KiB (one BitTorrent block, the BEP 52 minimum) and 16 MiB (what clients handle comfortably;
 * WebTorrent must fetch one whole piece within 60 s, W13).
 */
public final class PieceLength {
    /** Smallest automatic piece length: one 16 KiB block. */
    public static final long MIN_AUTO = 16 << 10;
    /** Largest automatic piece length. */
    public static final long MAX_AUTO = 16 << 20;
    /** Pieces the automatic choice aims at, at most. */
    public static final long TARGET_PIECES = 1500;

    private PieceLength() {
    }

    /** The smallest power of two that is at least {@code total / 1500}, clamped to [16 KiB, 16 MiB]. */
    public static long auto(long totalLength) {
        if (totalLength < 0) {
            throw new IllegalArgumentException("negative total length " + totalLength);
        }
        long wanted = (totalLength + TARGET_PIECES - 1) / TARGET_PIECES;
        long length = MIN_AUTO;
        while (length < wanted && length < MAX_AUTO) {
            length <<= 1;
        }
        return length;
    }

    /** {@code configured} when it is set (non-zero, a power of two), else {@link #auto(long)}. */
    public static long choose(long configured, long totalLength) {
        if (configured == 0) {
            return auto(totalLength);
        }
        if (configured < 0 || Long.bitCount(configured) != 1) {
            throw new IllegalArgumentException("piece length must be a power of two, was " + configured);
        }
        return configured;
    }

    /** Number of pieces covering {@code totalLength} bytes (zero for an empty torrent). */
    public static int pieceCount(long totalLength, long pieceLength) {
        long count = (totalLength + pieceLength - 1) / pieceLength;
        if (count > Integer.MAX_VALUE / InfoHash.LENGTH) {
            throw new IllegalArgumentException("too many pieces (" + count + "); choose a larger piece length");
        }
        return (int) count;
    }
}
