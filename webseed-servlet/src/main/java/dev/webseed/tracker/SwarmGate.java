package dev.webseed.tracker;

import dev.webseed.metainfo.InfoHash;

/**
 * Access control for swarms (T9, BEP 27 §"private"): asked on every announce and
 * scrape of a published info-hash, with the {@code token} query parameter (docs/design.md "Endpoints": tracker
 * token rides in the query of {@code /announce}, which libtorrent and Transmission keep intact).
 * The paygate implements it; {@link #OPEN} admits everyone.
 */
@FunctionalInterface
public interface SwarmGate {
    /** Admits every announce and scrape. */
    SwarmGate OPEN = (hash, token) -> null;

    /**
     * @param hash  the swarm
     * @param token the {@code token} query value, or null when absent
     * @return null to admit, else the {@code failure reason} to send
     */
    String refusal(InfoHash hash, String token);
}
