/**
 * Counters of what the origin served: requests by {@link dev.webseed.stats.Outcome}, content bytes
 * actually written and aborted responses, read as an immutable {@link dev.webseed.stats.StatsSnapshot}.
 */
package dev.webseed.stats;
