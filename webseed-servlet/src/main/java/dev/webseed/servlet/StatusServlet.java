package dev.webseed.servlet;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.webseed.view.StatusPage;

/**
 * {@code GET /status}: the live page for people (charts drawn in the page from {@code stats}),
 * readable from {@code statsAllow} addresses only. Its policy allows nothing from other origins.
 */
public final class StatusServlet extends ViewServlet {
    private static final long serialVersionUID = 1L;
    /** Everything comes from this server: the page itself (inline style and script) and stats. */
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
            + "connect-src 'self'; img-src 'self'";

    public StatusServlet() {
        super(true);
    }

    @Override
    Page page(HttpServletRequest request) {
        return new Page(200, "text/html; charset=utf-8", StatusPage.bytes());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        super.service(request, response);
    }
}
