package dev.webseed.servlet;

import jakarta.servlet.http.HttpServletRequest;

import dev.webseed.view.StatsJson;

/**
 * {@code GET /stats}: the {@link dev.webseed.view.StatsReport} as JSON (schema in {@code
 * docs/operator-view.md}), readable from {@code statsAllow} addresses only.
 */
public final class StatsServlet extends ViewServlet {
    private static final long serialVersionUID = 1L;

    public StatsServlet() {
        super(true);
    }

    @Override
    Page page(HttpServletRequest request) {
        return new Page(200, "application/json", StatsJson.write(view.report()));
    }
}
