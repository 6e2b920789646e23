package dev.webseed.servlet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.webseed.Webseed;
import dev.webseed.config.ConfigException;
import dev.webseed.http.PlainText;
import dev.webseed.view.OpsView;
import dev.webseed.view.StatsAccess;

/**
 * The shared front of the operator pages ({@code /}, {@code /stats}, {@code /metrics},
 * {@code /status}, {@code /health}): GET and HEAD only (405 otherwise), {@code Cache-Control:
 * no-store}, a {@code Content-Length}, and for the restricted ones the {@code statsAllow} check
 * first: a refused caller gets 403 and no data. Errors are short plain text, never a container page.
 */
abstract class ViewServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ViewServlet.class.getName());
    private final boolean restricted;
    private transient StatsAccess access;
    /** The report builder of the restricted pages; null for the public ones. */
    transient OpsView view;

    /** @param restricted true for pages only {@code statsAllow} addresses may read */
    ViewServlet(boolean restricted) {
        this.restricted = restricted;
    }

    /** A page: its status, content type and bytes; an error has no type and its reason as the body. */
    record Page(int status, String contentType, byte[] body) {
        /** An error answered in the one plain-text shape ({@link PlainText}). */
        static Page error(int status, String reason) {
            return new Page(status, null, reason.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The page for this request. */
    abstract Page page(HttpServletRequest request) throws ServletException;

    @Override
    public void init() throws ServletException {
        if (restricted) {
            try {
                Webseed webseed = Servlets.webseed(getServletContext());
                access = StatsAccess.from(webseed.config());
                view = new OpsView(webseed);
            } catch (ConfigException e) {
                throw new UnavailableException("webseed: " + e.getMessage());
            }
        }
    }

    /**
     * No CORS headers, on purpose: the restricted pages must not be readable by a script of another
     * origin that runs in an operator's browser on an allowed address.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean head = request.getMethod().equals("HEAD");
        Page page;
        if (!head && !request.getMethod().equals("GET")) {
            response.setHeader("Allow", "GET, HEAD");
            page = Page.error(405, request.getMethod() + " is not allowed here");
        } else if (restricted && !access.allows(request.getRemoteAddr(), request::getHeader)) {
            page = Page.error(403, "forbidden: " + request.getServletPath()
                    + " is readable only from the statsAllow addresses");
        } else {
            try {
                page = page(request);
            } catch (ServletException | RuntimeException e) {
                LOG.log(Level.WARNING, "webseed: " + request.getRequestURI() + " failed", e);
                page = Page.error(500, "internal error");
            }
        }
        if (page.contentType() == null) {
            PlainText.send(response, page.status(), new String(page.body(), StandardCharsets.UTF_8), head);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(page.status());
        response.setContentType(page.contentType());
        response.setContentLength(page.body().length);
        if (!head) {
            response.getOutputStream().write(page.body());
        }
    }
}
