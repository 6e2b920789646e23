package dev.webseed.servlet;

import jakarta.servlet.http.HttpServletRequest;

import dev.webseed.view.MetricsText;

/**
 * {@code GET /metrics}: the same report as {@code /stats} in the Prometheus text format 0.0.4,
 * readable from {@code statsAllow} addresses only.
 */
public final class MetricsServlet extends ViewServlet {
    private static final long serialVersionUID = 1L;

    public MetricsServlet() {
        super(true);
    }

    @Override
    Page page(HttpServletRequest request) {
        return new Page(200, MetricsText.CONTENT_TYPE, MetricsText.write(view.report()));
    }
}
