package dev.webseed.tracker;

import dev.webseed.metainfo.InfoHash;

/**
 * Told of every announce the store accepted and every scraped swarm, for statistics. Called on the
 * request thread after the answer is decided, so it must be quick and must not throw.
 */
public interface TrackerListener {
    /** Listens to nothing. */
    TrackerListener NONE = new TrackerListener() {
        @Override
        public void announced(Announce announce, long downloaded) {
        }

        @Override
        public void scraped(InfoHash infoHash) {
        }
    };

    /**
     * An announce the store accepted.
     *
     * @param downloaded the client's {@code downloaded}: bytes it downloaded since its {@code started}
     *                   announce (BEP 3), from the origin and from peers alike
     */
    void announced(Announce announce, long downloaded);

    /** A swarm named in a scrape and shown to the scraper. */
    void scraped(InfoHash infoHash);
}
