package dev.webseed.origin;

/**
 * What the origin's own tracker says about the swarms a file belongs to. When nobody is left who
 * could supply it (no seeder, at most the one downloader now asking), the record of blocks already
 * sent is forgotten, so a late lone peer is served as a first downloader, not as a repeat.
 */
@FunctionalInterface
public interface SwarmPresence {
    /**
     * No tracker to ask: the record is never reset by the swarm (it may still be evicted), and
     * repeats are not held back, since nobody can tell whether peers could supply them.
     */
    SwarmPresence UNKNOWN = new SwarmPresence() {
        @Override
        public boolean gone(String relativePath) {
            return false;
        }

        @Override
        public boolean tracked() {
            return false;
        }
    };

    /**
     * True when every swarm of the publications covering this file ({@code /}-separated path below
     * the content root) is known and holds no seeder and at most one downloader.
     */
    boolean gone(String relativePath);

    /** True when a tracker stands behind the answers (false only for {@link #UNKNOWN}). */
    default boolean tracked() {
        return true;
    }
}
