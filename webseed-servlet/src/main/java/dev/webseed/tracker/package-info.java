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
 */
package dev.webseed.tracker;
