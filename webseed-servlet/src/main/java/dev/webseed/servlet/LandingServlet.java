package dev.webseed.servlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import dev.webseed.Webseed;
import dev.webseed.view.LandingPage;

/**
 * {@code GET /} (mapped at the empty pattern {@code ""}, which the Servlet 6.0 specification,
 * section 12.2, makes the context root exactly): the published torrents as plain HTML, public.
 * {@code ?page=N} pages through them.
 */
public final class LandingServlet extends ViewServlet {
    private static final long serialVersionUID = 1L;
    private transient Webseed webseed;

    public LandingServlet() {
        super(false);
    }

    @Override
    public void init() throws ServletException {
        webseed = Servlets.webseed(getServletContext());
    }

    @Override
    Page page(HttpServletRequest request) {
        return new Page(200, "text/html; charset=utf-8", LandingPage.render(webseed, page(request.getQueryString())));
    }

    /** {@code page=N} from the query, 1 when absent or not a small positive number. */
    static int page(String query) {
        if (query != null && query.startsWith("page=")) {
            String digits = query.substring(5);
            if (!digits.isEmpty() && digits.length() <= 6 && digits.chars().allMatch(Character::isDigit)) {
                return Math.max(1, Integer.parseInt(digits));
            }
        }
        return 1;
    }
}
