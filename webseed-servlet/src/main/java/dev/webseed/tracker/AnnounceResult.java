package dev.webseed.tracker;

/**
 * What the store answers to an announce: the swarm's counts after it, and the chosen peers in
 * compact form (BEP 23: 6 bytes per IPv4 peer; BEP 7: 18 bytes per IPv6 peer).
 *
 * @param counts   the swarm after this announce
 * @param peers4   IPv4 peers, 6 bytes each
 * @param peers6   IPv6 peers, 18 bytes each
 * @param peerIds4 the 20-byte ids of {@code peers4} in the same order, or null unless asked for
 * @param peerIds6 the ids of {@code peers6}, or null unless asked for
 */
public record AnnounceResult(SwarmCounts counts, byte[] peers4, byte[] peers6, byte[] peerIds4, byte[] peerIds6) {
}
