package dev.webseed.servlet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.webseed.Webseed;
import dev.webseed.http.Route;
import dev.webseed.tracker.Tracker;

/**
 * The HTTP tracker, mapped at both {@code /announce} and {@code /scrape}: a servlet path ending
 * in {@code scrape} answers BEP 48 scrapes, anything else BEP 3 announces. Clients derive the
 * scrape URL by replacing {@code announce} with {@code scrape} (docs/protocol.md "Scrape"), so
 * keep both mappings side by side.
 *
 * <p>The servlet is thin: it hands {@code getQueryString()} undecoded to {@link Tracker} (it never
 * calls {@code getParameter()}, which Jetty answers with 400 and Tomcat corrupts for binary
 * {@code info_hash} values, T1) and writes the bencoded body as {@code text/plain}
 * with a {@code Content-Length} and HTTP 200, also for refusals and for its own failures (T2: a
 * client does not read the body of any other status). It has no init-params; the tracker is
 * configured by the context parameters of {@link dev.webseed.config.Settings} ({@code
 * trackerEnabled}, {@code trackerOpen}, {@code announceInterval}, ...).</p>
 */
public final class TrackerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(TrackerServlet.class.getName());
    /** Unexpected failures are logged at most once a minute, so a request storm is not a log storm. */
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final AtomicLong suppressed = new AtomicLong();
    private transient Webseed webseed;

    @Override
    public void init() throws ServletException {
        webseed = Servlets.webseed(getServletContext());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Tracker tracker = webseed.tracker().orElse(null);
        CompletableFuture<byte[]> body = bodyOf(tracker, request);
        if (body.isDone() || !request.isAsyncSupported()) {
            write(response, answer(tracker, body));
            return;
        }
        // a shared store answers later: the request thread goes back to the pool meanwhile (the
        // store's answer always comes within redisTimeout, so the container's async timeout never fires)
        AsyncContext async = request.startAsync();
        body.whenComplete((done, failure) -> {
            try {
                write(response, answer(tracker, body));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "tracker answer not written: " + e);
            } finally {
                async.complete();
            }
        });
    }

    private static CompletableFuture<byte[]> bodyOf(Tracker tracker, HttpServletRequest request) {
        try {
            if (tracker == null) {
                return CompletableFuture.completedFuture(disabled());
            } else if (isScrape(request)) {
                return CompletableFuture.completedFuture(tracker.scrape(request.getQueryString()));
            }
            return tracker.announceLater(request.getQueryString(), request.getRemoteAddr(),
                    name -> joined(request.getHeaders(name)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The body of a finished announce or scrape: a failure of ours is a bencoded failure too (T2). */
    private byte[] answer(Tracker tracker, CompletableFuture<byte[]> body) {
        try {
            return body.join();
        } catch (CompletionException | CancellationException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
            logRarely(cause);
            return tracker == null ? disabled() : tracker.failure("internal tracker error");
        }
    }

    private static void write(HttpServletResponse response, byte[] body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain");
        response.setContentLength(body.length);
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(body);
    }

    /** BEP 48 scrape when the mapped path ends in "scrape": {@code /scrape} or {@code /tracker/*} + {@code /scrape}. */
    private static boolean isScrape(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.endsWith(Route.scrape());
    }

    private static byte[] disabled() {
        return Tracker.failure("this server runs no tracker", Duration.ofHours(1));
    }

    private static String joined(Enumeration<String> values) {
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        return String.join(",", Collections.list(values));
    }

    private void logRarely(RuntimeException e) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "tracker request failed (" + suppressed.getAndSet(0)
                    + " more since the last report)", e);
        } else {
            suppressed.incrementAndGet();
        }
    }
}
