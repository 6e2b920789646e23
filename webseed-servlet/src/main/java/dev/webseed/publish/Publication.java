package dev.webseed.publish;

import dev.webseed.metainfo.Torrent;

/**
 * Where the publication of one relative path stands. {@link Ready}, {@link Unpublishable}, {@link Failed}
 * and {@link NotFound} are final for the files as they are now; {@link Hashing} moves on; {@link
 * Busy} means nothing was started.
 */
public sealed interface Publication {

    /** True for every state but {@link Hashing}. */
    default boolean isFinal() {
        return !(this instanceof Hashing);
    }

    /**
     * Queued or hashing.
     *
     * @param bytesDone  bytes hashed so far
     * @param bytesTotal bytes to hash (zero while still queued and not yet scanned)
     */
    record Hashing(long bytesDone, long bytesTotal) implements Publication {
        /** Progress in percent, 0 to 100. */
        public int percent() {
            return bytesTotal <= 0 ? 0 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
        }
    }

    /** Published: this torrent is current for the files on disk. */
    record Ready(Torrent torrent) implements Publication {
    }

    /** Not publishable as it is (a name clients mangle, an empty folder); says why and names the file. */
    record Unpublishable(String reason) implements Publication {
    }

    /** Publishing failed (the files could not be read, or kept changing); says why. */
    record Failed(String reason) implements Publication {
    }

    /** Nothing publishable at that path: missing, hidden, outside the root, or the root itself. */
    record NotFound(String path) implements Publication {
    }

    /** Too many publications are queued; nothing was started, ask again later. */
    record Busy(String reason) implements Publication {
    }
}
