package dev.webseed.servlet;

import java.io.IOException;
import java.lang.System.Logger.Level;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.webseed.Webseed;
import dev.webseed.http.Cors;
import dev.webseed.http.PlainText;
import dev.webseed.seed.ContentSender;
import dev.webseed.seed.SeedService;
import dev.webseed.stats.Outcome;

/**
 * The BEP 19 webseed endpoint: {@code GET}, {@code HEAD} and {@code OPTIONS} of
 * {@code /seed/{relative path}}, mapped at {@code /seed/*} (any mapping works: the servlet path is
 * stripped from the raw request URI). The path is the file's path under the content root, exactly
 * as BEP 19 clients build it from {@code url-list}; {@code <folder>/.pad/<N>} answers N zero bytes
 * (BEP 47).
 *
 * <p>Paid content ({@code paygateProtect}) is reached as {@code /seed/t/{token}/{relative path}}:
 * the token is checked before the file system is touched and before the first byte; without a
 * token, or with one that does not open the path, the answer is 403 {@code text/plain} with the
 * reason, CORS headers and {@code Cache-Control: no-store}, and no file bytes. Free content is
 * served with or without a token segment (see {@code SeedAccess}).</p>
 *
 * <p>It has no init parameters: it reads the shared {@link Webseed} put in the servlet context by
 * {@link WebseedListener}, whose context parameters {@code maxRanges}, {@code maxPathBytes},
 * {@code corsAllowOrigin} and {@code corsMaxAge} apply here. A {@link ContentSender} found in the
 * context attribute {@link ContentSender#ATTRIBUTE} when the servlet initialises writes the file
 * bytes (the embedded Jetty server installs its zero-copy one there). The work is done by {@link
 * SeedService}; this class adds CORS headers to every response, errors included, answers
 * preflights and refuses other methods with 405.</p>
 */
public final class SeedServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(SeedServlet.class.getName());

    private transient SeedService service;
    private transient Cors cors;
    private transient Webseed webseed;

    @Override
    public void init() throws ServletException {
        webseed = Servlets.webseed(getServletContext());
        Object installed = getServletContext().getAttribute(ContentSender.ATTRIBUTE);
        if (installed != null && !(installed instanceof ContentSender)) {
            throw new ServletException("webseed: context attribute " + ContentSender.ATTRIBUTE + " holds a "
                    + installed.getClass().getName() + ", not a ContentSender");
        }
        SeedService.Builder builder = SeedService.builder(webseed.content()).limits(webseed.config())
                .stats(webseed.stats()).clock(webseed.clock()).paygate(webseed.paygate())
                .wrapSender(webseed.origin()::wrap);
        if (installed != null) {
            builder.sender((ContentSender) installed);
        }
        service = builder.build();
        cors = Cors.from(webseed.config());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cors.addResponseHeaders(response);
        webseed.stats().requestStarted();
        try {
            switch (request.getMethod()) {
                case "GET":
                    service.serve(request, response, false);
                    break;
                case "HEAD":
                    service.serve(request, response, true);
                    break;
                case "OPTIONS":
                    webseed.stats().recordRequest(Outcome.OPTIONS);
                    cors.preflight(request, response, Cors.METHODS);
                    break;
                default:
                    service.methodNotAllowed(response, Cors.METHODS);
                    break;
            }
        } catch (IOException e) {
            // the client went away while an error or header-only answer was written: nothing to tell
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "webseed: client went away: {0}", String.valueOf(e));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "webseed: failed on " + request.getRequestURI(), e);
            webseed.stats().recordRequest(Outcome.SERVER_ERROR);
            if (!response.isCommitted()) {
                response.reset();
                cors.addResponseHeaders(response);
                PlainText.send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal error", false);
            }
        } finally {
            webseed.stats().requestFinished();
        }
    }
}
