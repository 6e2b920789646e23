package dev.webseed.tracker;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;

/**
 * Who may hold a place in a full or crowded swarm (one address announced 100,000 fake
 * peers and froze a swarm's peer list). The one definition of the rule; every {@link SwarmStore}
 * follows it, the in-memory one in {@link Swarm}.
 *
 * <ol>
 *   <li>Peers are grouped by address: an IPv4 address, or the /64 prefix of an IPv6 address (one
 *       subscriber network; a host there may pick any of its 2<sup>64</sup> addresses), see
 *       {@link #group(byte[])}.</li>
 *   <li>A new peer id from a group that already holds {@code maxPeersPerAddress} peers in the swarm
 *       is answered (it gets peers) but not stored, until one of the group's peers stops or
 *       expires. A known peer id is always refreshed.</li>
 *   <li>A new peer id when the swarm holds {@code maxPeersPerTorrent} peers: {@link #SAMPLE}
 *       peers are drawn at random and the one whose group holds the most peers in the swarm is
 *       chosen (ties: the least recently announced). If its group holds more peers than the
 *       newcomer's group does, it is dropped and the newcomer stored ({@link #makesRoom}). Unless
 *       it holds at least two more ({@link #drawsAgain}), another {@link #SAMPLE} peers are drawn
 *       first ({@link #DRAWS} draws in all: a full swarm that is mostly lone addresses still finds
 *       its crowded ones), the best of both draws is judged, and only then is the newcomer answered
 *       but not stored. So a full swarm keeps taking new addresses,
 *       crowded groups give way first, and the choice costs O(1) whatever the swarm's size.</li>
 * </ol>
 *
 * @param maxPeersPerTorrent most peers in one swarm, both address families together
 * @param maxPeersPerAddress most peers of one address group in one swarm
 */
public record PeerLimits(int maxPeersPerTorrent, int maxPeersPerAddress) {
    /** Peers drawn when a full swarm must make room. */
    public static final int SAMPLE = 8;
    /** Draws of {@link #SAMPLE} peers at most before a newcomer is turned away from a full swarm. */
    public static final int DRAWS = 2;

    public PeerLimits {
        if (maxPeersPerTorrent < 1 || maxPeersPerAddress < 1) {
            throw new IllegalArgumentException("peer limits must be at least 1");
        }
    }

    /** The configured limits ({@code maxPeersPerTorrent}, {@code maxPeersPerAddress}). */
    public static PeerLimits of(WebseedConfig config) {
        return new PeerLimits(config.get(Settings.MAX_PEERS_PER_TORRENT), config.get(Settings.MAX_PEERS_PER_ADDRESS));
    }

    /**
     * The group of a 4- or 16-byte address as a number: the IPv4 address, or the first 64 bits
     * of an IPv6 one. Groups of the two families may share a number; keep them apart by family.
     */
    public static long group(byte[] address) {
        return group(address, 0, address.length);
    }

    /** The group of the {@code addressBytes}-long address at {@code bytes[offset]}. */
    static long group(byte[] bytes, int offset, int addressBytes) {
        long g = 0;
        for (int i = 0, n = addressBytes == 4 ? 4 : 8; i < n; i++) {
            g = g << 8 | (bytes[offset + i] & 0xff);
        }
        return g;
    }

    /** True when a group may add one more peer to a swarm where it holds {@code held}. */
    public boolean admits(int held) {
        return held < maxPeersPerAddress;
    }

    /**
     * True when a peer whose group holds {@code victimGroupPeers} gives way, in a full swarm, to a
     * newcomer whose group holds {@code newcomerGroupPeers}.
     */
    public static boolean makesRoom(int victimGroupPeers, int newcomerGroupPeers) {
        return victimGroupPeers > newcomerGroupPeers;
    }

    /**
     * True when, the best victim of the draws so far holding {@code victimGroupPeers}, another draw
     * is worth making before deciding: unless that group holds at least two more peers than the
     * newcomer's, a swap would put a lone address in place of a lone address, and a further draw may
     * still find a crowded group (so genuine lone peers are rarely the ones to go).
     */
    public static boolean drawsAgain(int victimGroupPeers, int newcomerGroupPeers) {
        return victimGroupPeers <= newcomerGroupPeers + 1;
    }
}
