package dev.webseed.metainfo;

/**
 * Receives hashing progress. Called from the hashing threads after every piece, concurrently and
 * often: implementations must be thread-safe and cheap (update a counter, redraw at most now and
 * then).
 */
@FunctionalInterface
public interface HashProgress {
    /** Ignores progress. */
    HashProgress NONE = (done, total) -> { };

    /**
     * @param bytesDone  bytes hashed so far (grows monotonically, but calls may arrive out of order)
     * @param bytesTotal bytes to hash in all
     */
    void progress(long bytesDone, long bytesTotal);
}
