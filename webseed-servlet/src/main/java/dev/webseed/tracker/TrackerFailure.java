package dev.webseed.tracker;

/**
 * A request the tracker refuses: malformed query, unknown info-hash, a limit hit. Its message is
 * sent to the client as the bencoded {@code failure reason} with HTTP 200 (BEP 3;
 * T2: clients do not read the body of a non-200). Thrown without a stack trace, since
 * it is a normal outcome of client input, not a bug.
 */
public final class TrackerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The reason sent while the state several servers share cannot be reached (README "Several servers"). */
    public static final String STATE_UNAVAILABLE = "tracker state unavailable, try again shortly";

    public TrackerFailure(String reason) {
        super(reason, null, false, false);
    }

    /** The text sent as {@code failure reason}. */
    public String reason() {
        return getMessage();
    }
}
