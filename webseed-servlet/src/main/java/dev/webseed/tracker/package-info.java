/**
 * The HTTP tracker (BEP 3 announce, BEP 48 scrape, with BEP 7, 21, 23 and 24). {@link
 * dev.webseed.tracker.Tracker} is container-free: it decodes the raw query string by hand into
 * bytes (binary {@code info_hash} and {@code peer_id} never pass through a charset), validates it
 * into an {@link dev.webseed.tracker.Announce}, asks a {@link dev.webseed.tracker.SwarmStore} and
 * writes the bencoded answer. Which swarms it serves, and to whom, it asks one {@link
 * dev.webseed.tracker.SwarmGate} (the paygate's, in a web application), which answers a {@link
 * dev.webseed.tracker.SwarmAccess}. Every failure is a {@link dev.webseed.tracker.TrackerFailure}
 * that becomes a {@code failure reason} with HTTP 200. The default store, {@link
 * dev.webseed.tracker.MemorySwarmStore}, packs peers into per-swarm byte arrays (about 51 bytes per
 * IPv4 peer in all, docs/benchmarks.md) and expires them by an injected clock.
 *
 * <p>Keep: {@link dev.webseed.tracker.Tracker} takes a query string and an address and returns
 * bytes, with no servlet type in sight, so the whole protocol is unit-tested without a container
 * and the servlet stays a few lines. The record layout of {@code PeerTable} (byte offsets of peer
 * id, compact address, flags and last-seen time) and the twin rule of {@code Swarm} (one dual-stack
 * client counts once) are documented where they are defined; keep them in step with the code.
 * Time is an injected {@link java.time.Clock}: tests step it, none sleeps.</p>
 */
package dev.webseed.tracker;
