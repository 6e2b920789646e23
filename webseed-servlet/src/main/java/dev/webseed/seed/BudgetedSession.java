package dev.webseed.seed;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

import dev.webseed.paygate.Budget;
import dev.webseed.paygate.BudgetReserver;

/**
 * A {@link ContentSender.Session} decorator that sends nothing it has not reserved on the token's
 * byte budget first: before each chunk of at most {@code chunk} bytes it asks
 * the token's {@link Budget} and sends only what was granted. So however many connections (and,
 * with a shared {@link BudgetReserver}, servers) use one token at once, the bytes sent never exceed
 * the budget; what was reserved but not sent (the client went away) is given back when the
 * response is settled.
 *
 * <p>When the budget runs out mid-response the response is cut short ({@link Exhausted}, the
 * container closes the connection on the short body): the client gets fewer bytes than the
 * {@code Content-Length} it was promised, never a wrong byte. A request that finds the budget
 * already used up is refused with a 403 before any header, by the token check. Any other
 * decorator on the same seam (pacing) wraps this one or is wrapped by it; neither knows.</p>
 */
final class BudgetedSession implements ContentSender.Session {
    private final ContentSender.Session inner;
    private final Budget budget;
    private final long chunk;
    /** Some bytes went to the stream already (a later part of a multipart response may find none left). */
    private boolean sentAny;

    BudgetedSession(ContentSender.Session inner, Budget budget, long chunk) {
        this.inner = inner;
        this.budget = budget;
        this.chunk = chunk;
    }

    @Override
    public void send(long offset, long length, OutputStream out, LongConsumer written) throws IOException {
        LongConsumer counting = n -> {
            budget.sent(n); // one request thread writes a response
            written.accept(n);
        };
        long done = 0;
        while (done < length) {
            long granted = reserve(Math.min(chunk, length - done));
            if (granted == 0) {
                if (sentAny) {
                    out.flush(); // the client gets every byte it was granted before the cut
                }
                throw new Exhausted("byte budget used up after " + done + " of " + length + " bytes", false);
            }
            sentAny = true;
            inner.send(offset + done, granted, out, counting);
            done += granted;
        }
    }

    private long reserve(long bytes) throws Exhausted {
        try {
            return budget.reserve(bytes);
        } catch (BudgetReserver.Unavailable e) {
            // fail closed: no shared count, no bytes (README "Several servers")
            throw new Exhausted("byte budget store unavailable: " + e.getMessage(), true);
        }
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    /**
     * The response stops here because nothing more may be sent on this budget: an {@link
     * IOException} so the send path ends the response the way it ends an aborted one.
     */
    static final class Exhausted extends IOException {
        private static final long serialVersionUID = 1L;
        /** True when the shared store did not answer (transient), false when the budget is used up. */
        final boolean unavailable;

        Exhausted(String message, boolean unavailable) {
            super(message);
            this.unavailable = unavailable;
        }
    }
}
