package dev.webseed.stats;

/** STUB: replaced by the webseed work (bytes written, requests, aborts). */
public final class WebseedStats {
}
