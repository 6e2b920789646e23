package dev.webseed.origin;

/**
 * Who is pulling from the web seed now: the responses in flight and the last moment two or more
 * were. A BitTorrent client keeps one web seed connection and its requests on it are
 * answered one after the other (HTTP/1.1 keeps responses in order, RFC 9112 section 9.3.2), so
 * responses that overlap come from different clients. When no two have overlapped for {@code
 * window} nanoseconds one client at most is pulling: the others have the bytes or have
 * left, whatever the tracker still lists (a client that vanished without a 'stopped' announce stays
 * there for {@code peerTimeout}), and a repeat has nobody to share the budget with. Thread-safe.
 */
final class Crowd {
    private final long window;
    private int inFlight;
    private long crowdedAt;

    /** @param window nanoseconds without overlapping responses before one client counts as alone */
    Crowd(long window, long now) {
        this.window = window;
        this.crowdedAt = now - window; // nobody seen yet: alone
    }

    /** A response starts. */
    synchronized void opened(long now) {
        inFlight++;
        if (inFlight > 1) {
            crowdedAt = now;
        }
    }

    /** A response ends. */
    synchronized void closed(long now) {
        if (inFlight > 1) {
            crowdedAt = now; // crowded until this moment
        }
        inFlight = Math.max(0, inFlight - 1);
    }

    /** True when at most one response is in flight and none overlapped for the whole window. */
    synchronized boolean alone(long now) {
        return inFlight <= 1 && now - crowdedAt >= window;
    }
}
