package dev.webseed.paygate;

import java.util.List;
import java.util.Set;

import dev.webseed.metainfo.InfoHash;

/**
 * What the paygate asks the publications, so that a token scoped by info-hash opens the paths of
 * its torrent and a token scoped by path opens the swarm of a torrent published at that path. The
 * publisher implements it; {@link #NONE} knows nothing (only path scopes count).
 */
public interface HashIndex {
    /** Knows no publication. */
    HashIndex NONE = new HashIndex() {
        @Override
        public Set<InfoHash> hashesCovering(String relativePath) {
            return Set.of();
        }

        @Override
        public List<String> pathsOf(InfoHash hash) {
            return List.of();
        }
    };

    /**
     * The info-hashes of the current publications of this path and of every folder above it. Must
     * not touch the file system: the paygate asks before it may tell whether a file exists.
     */
    Set<InfoHash> hashesCovering(String relativePath);

    /**
     * The relative paths whose current publication has this info-hash (usually one; empty when
     * this server publishes no such torrent). Answers from the files and the persisted hashes, not
     * only from what was requested since start, so a swarm is paid or free alike at any time.
     */
    List<String> pathsOf(InfoHash hash);
}
