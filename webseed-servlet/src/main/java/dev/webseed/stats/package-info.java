/**
 * Counters of what the origin served: requests by {@link dev.webseed.stats.Outcome}, content bytes
 * actually written and aborted responses, read as an immutable {@link dev.webseed.stats.StatsSnapshot}.
 * {@link dev.webseed.stats.WebseedStats#idle()} signals when no request is in flight, so a reader
 * that needs settled counts waits for a signal rather than polling.
 */
package dev.webseed.stats;
