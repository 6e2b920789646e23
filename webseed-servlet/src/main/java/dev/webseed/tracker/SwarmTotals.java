package dev.webseed.tracker;

/**
 * How many swarms and peers a {@link SwarmStore} holds now, for the operator's view.
 *
 * @param swarms swarms with at least one peer or a download count
 * @param peers  peer entries over all swarms (one client over IPv4 and IPv6 is two)
 */
public record SwarmTotals(int swarms, long peers) {
}
