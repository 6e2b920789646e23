package dev.webseed.servlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import dev.webseed.view.MetricsText;
import dev.webseed.view.OpsView;

/**
 * {@code GET /metrics}: the same report as {@code /stats} in the Prometheus text format 0.0.4,
 * readable from {@code statsAllow} addresses only.
 */
public final class MetricsServlet extends ViewServlet {
    private static final long serialVersionUID = 1L;
    private transient OpsView view;

    public MetricsServlet() {
        super(true);
    }

    @Override
    public void init() throws ServletException {
        super.init();
        view = new OpsView(Servlets.webseed(getServletContext()));
    }

    @Override
    Page page(HttpServletRequest request) {
        return new Page(200, MetricsText.CONTENT_TYPE, MetricsText.write(view.report()));
    }
}
