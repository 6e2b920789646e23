package dev.webseed.tracker;

import java.util.Objects;

import dev.webseed.metainfo.InfoHash;

/**
 * One validated announce as the {@link SwarmStore} sees it (BEP 3). Arrays are owned by the
 * record once built; the store copies what it keeps.
 *
 * @param infoHash    the swarm
 * @param peerId      20 bytes
 * @param address     the peer's address, 4 bytes (IPv4, mapped addresses already normalised) or
 *                    16 (IPv6); with {@code port}, where other peers reach it. The store keys a
 *                    peer by peer id within its address family, so one client announcing over
 *                    IPv4 and IPv6 has an entry in each family, counted once (BEP 7)
 * @param port        1 to 65535
 * @param seed        {@code left=0}
 * @param event       the event
 * @param numwant     peers wanted, already capped by the tracker (0 for {@code stopped})
 * @param wantPeerIds true for the dictionary model with peer ids ({@code compact=0} without
 *                    {@code no_peer_id}), so the store returns ids alongside addresses
 */
public record Announce(InfoHash infoHash, byte[] peerId, byte[] address, int port, boolean seed, Event event,
        int numwant, boolean wantPeerIds) {
    public Announce {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(event, "event");
        if (peerId.length != 20) {
            throw new IllegalArgumentException("peer id has 20 bytes");
        }
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address has 4 or 16 bytes");
        }
        if (port < 1 || port > 65535 || numwant < 0) {
            throw new IllegalArgumentException("port or numwant out of range");
        }
    }
}
