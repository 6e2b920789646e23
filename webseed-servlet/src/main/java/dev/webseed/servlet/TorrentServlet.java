package dev.webseed.servlet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.webseed.Webseed;
import dev.webseed.config.Settings;
import dev.webseed.http.BaseUrl;
import dev.webseed.http.Cors;
import dev.webseed.http.PlainText;
import dev.webseed.http.RequestPath;
import dev.webseed.publish.TorrentAnswer;
import dev.webseed.publish.TorrentService;

/**
 * The {@code .torrent} and magnet endpoint, mapped at {@code /torrent/*}: {@code GET|HEAD
 * /torrent/{path}.torrent}, {@code /torrent/{path}.magnet} and, for paid content,
 * {@code /torrent/t/{token}/{path}.torrent}. The answers are {@link TorrentService}'s; this class
 * decodes the path ({@link RequestPath}: malformed 400, longer than {@code maxPathBytes} 414), finds
 * the public base URL ({@link BaseUrl}), adds the CORS headers to every answer (WebTorrent in a
 * browser fetches the {@code xs=} URL), answers preflights, refuses other methods with 405 and
 * writes every error as plain text ({@link PlainText}).
 */
public final class TorrentServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(TorrentServlet.class.getName());
    private transient Webseed webseed;
    private transient Cors cors;
    private transient TorrentService service;

    @Override
    public void init() throws ServletException {
        webseed = Servlets.webseed(getServletContext());
        cors = Cors.from(webseed.config());
        service = new TorrentService(webseed.config(), webseed.publisher(), webseed.paygate());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cors.addResponseHeaders(response);
        try {
            switch (request.getMethod()) {
                case "GET" -> answer(request, response, false);
                case "HEAD" -> answer(request, response, true);
                case "OPTIONS" -> cors.preflight(request, response, Cors.METHODS);
                default -> {
                    response.setHeader("Allow", Cors.METHODS);
                    PlainText.send(response, 405, request.getMethod() + " is not allowed here", false);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "torrent request " + request.getRequestURI() + " failed", e);
            if (!response.isCommitted()) {
                response.reset();
                cors.addResponseHeaders(response);
                PlainText.send(response, 500, "internal error", false);
            }
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
        RequestPath path = RequestPath.decode(request.getRequestURI(), request.getContextPath(),
                request.getServletPath(), webseed.config().get(Settings.MAX_PATH_BYTES));
        if (!path.ok()) {
            PlainText.send(response, path.status(), path.reason(), head);
            return;
        }
        TorrentAnswer answer = service.answer(path, BaseUrl.of(request, webseed.config()));
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        if (answer.failed()) {
            PlainText.send(response, answer.status(), answer.reason(), head);
            return;
        }
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setContentLength(answer.body().length);
        if (!head) {
            response.getOutputStream().write(answer.body());
        }
    }
}
