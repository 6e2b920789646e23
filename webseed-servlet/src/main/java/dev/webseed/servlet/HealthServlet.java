package dev.webseed.servlet;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import dev.webseed.Webseed;
import dev.webseed.http.PlainText;
import dev.webseed.view.Health;

/**
 * {@code GET /health}, public: 200 with {@code ok: ...} when the server can serve, 503 with a
 * one-line reason while starting or when the content root is gone (see {@link Health}). It looks
 * the running {@link Webseed} up on every call, so it answers even before the listener ran.
 */
public final class HealthServlet extends ViewServlet {
    private static final long serialVersionUID = 1L;

    public HealthServlet() {
        super(false);
    }

    @Override
    Page page(HttpServletRequest request) {
        Object value = getServletContext().getAttribute(Webseed.ATTRIBUTE);
        Health health = Health.of(value instanceof Webseed webseed ? webseed : null);
        return health.serving() ? new Page(200, PlainText.CONTENT_TYPE, (health.reason() + "\n").getBytes(
                StandardCharsets.UTF_8)) : Page.error(503, health.reason());
    }
}
