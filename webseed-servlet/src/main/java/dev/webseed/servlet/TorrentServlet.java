package dev.webseed.servlet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.webseed.Webseed;
import dev.webseed.config.Settings;
import dev.webseed.metainfo.Links;
import dev.webseed.metainfo.Torrent;
import dev.webseed.paygate.RefusalReason;
import dev.webseed.paygate.Verdict;
import dev.webseed.publish.PaidAccess;
import dev.webseed.publish.Progress;
import dev.webseed.publish.Publication;

/**
 * The {@code .torrent} and magnet endpoint, mapped at {@code /torrent/*}.
 *
 * <ul>
 * <li>{@code GET|HEAD /torrent/{relative path}.torrent}: 200 {@code application/x-bittorrent}
 * (BEP 3 §metainfo), with {@code Content-Disposition: attachment; filename*=UTF-8''…}.</li>
 * <li>{@code GET|HEAD /torrent/{relative path}.magnet}: 200 {@code text/plain; charset=utf-8}, the
 * magnet link (BEP 9 with {@code ws} and {@code xs}).</li>
 * <li>While the torrent is hashed: 503 with {@code Retry-After} and the progress in the body. This
 * endpoint is fetched by people and shops, not by webseed clients, so a 503 here punishes no
 * swarm (unlike on the webseed, W12).</li>
 * <li>No such file or folder (or hidden, outside the root, the root itself): 404. A name clients
 * would mangle or an empty folder: 422 Unprocessable Content (RFC 9110 §15.5.21: the request is
 * understood, the target exists, but it cannot be published as it is) with the reason. Malformed
 * percent-encoding: 400; longer than {@code maxPathBytes}: 414. A failed run (unreadable files,
 * files that keep changing): 503, retried by the server.</li>
 * </ul>
 *
 * <p>Paid content ({@code paygateProtect}): {@code /torrent/t/{token}/{path}.torrent} (and
 * {@code .magnet}) is the buyer's personal torrent. The token is checked before the torrent is
 * built (path scopes first, with no disk access; info-hash scopes against the publication); the
 * torrent's {@code url-list} is {@code {base}seed/t/{token}/…} (the full file URL for one file, a
 * base ending in {@code /} for a folder) and its {@code announce} {@code {base}announce?token=…}.
 * The info dictionary, so the info-hash, is the same for every buyer (one swarm); it carries the
 * BEP 27 private flag, set at publication. Without a token, or with one that does not open the
 * path, the answer is 403 with the reason. A token on free content is ignored: the plain torrent
 * comes back.</p>
 *
 * <p>Every answer, errors included, is written here as status plus plain text (never
 * {@code sendError}, so never a container error page) and carries
 * {@code Access-Control-Allow-Origin} = {@code corsAllowOrigin} unless that is empty, because
 * WebTorrent in a browser fetches the {@code xs=} URL; {@code OPTIONS} answers the preflight.</p>
 *
 * <p>The URLs inside (url-list, announce, xs) start from {@code publicUrl} when it is set.
 * Otherwise they are derived from the request: its scheme, its {@code Host} header (or the server
 * name and port when the header is absent or malformed) and the context path. That is right for a
 * server reached directly; behind a proxy or TLS terminator, or when torrents are handed to third
 * parties, set {@code publicUrl}.</p>
 */
public final class TorrentServlet extends HttpServlet {
    private static final System.Logger LOG = System.getLogger(TorrentServlet.class.getName());
    private static final String TORRENT = ".torrent";
    private static final String MAGNET = ".magnet";
    private static final String TOKEN_PREFIX = "t/";
    private static final Pattern HOST = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");
    private static final String TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+"; // RFC 9110 §5.6.2
    private static final Pattern HEADER_LIST = Pattern.compile(TOKEN + "(\\s*,\\s*" + TOKEN + ")*");
    private static final long ASSUMED_HASH_RATE = 100L << 20; // bytes/s, only to suggest a Retry-After
    private transient Webseed webseed;

    @Override
    public void init() throws ServletException {
        webseed = Servlets.webseed(getServletContext());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        cors(response);
        try {
            switch (request.getMethod()) {
                case "GET" -> answer(request, response, false);
                case "HEAD" -> answer(request, response, true);
                case "OPTIONS" -> preflight(request, response);
                default -> {
                    response.setHeader("Allow", "GET, HEAD, OPTIONS");
                    text(response, 405, request.getMethod() + " is not allowed here", false);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "torrent request " + request.getRequestURI() + " failed", e);
            if (!response.isCommitted()) {
                response.reset();
                cors(response);
                text(response, 500, "internal error", false);
            }
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
        String rest = request.getRequestURI().substring(Math.min(request.getRequestURI().length(),
                request.getContextPath().length()));
        String prefix = request.getServletPath() + "/";
        boolean torrent = rest.endsWith(TORRENT);
        if (!rest.startsWith(prefix) || !(torrent || rest.endsWith(MAGNET))) {
            text(response, 404, "not found: ask for /torrent/{path}.torrent or /torrent/{path}.magnet", head);
            return;
        }
        String raw = rest.substring(prefix.length(), rest.length() - (torrent ? TORRENT : MAGNET).length());
        String token = null;
        if (raw.startsWith(TOKEN_PREFIX) && raw.indexOf('/', TOKEN_PREFIX.length()) > TOKEN_PREFIX.length()) {
            // /torrent/t/{token}/{path}.torrent: a personal torrent (docs/design.md "Endpoints")
            int slash = raw.indexOf('/', TOKEN_PREFIX.length());
            token = raw.substring(TOKEN_PREFIX.length(), slash);
            raw = raw.substring(slash + 1);
        }
        String path;
        try {
            path = TorrentRequestPath.decode(raw, webseed.config().get(Settings.MAX_PATH_BYTES));
        } catch (TorrentRequestPath.BadPath e) {
            text(response, e.status, e.getMessage(), head);
            return;
        }
        PaidAccess access = webseed.access();
        boolean paid = access.requiresToken(path);
        if (!paid) {
            token = null; // free content: the plain torrent, whatever token came (see the class comment)
        } else if (!earlyAdmit(response, access, path, token, torrent, head)) {
            return;
        }
        Publication publication = webseed.publisher().request(path);
        if (publication instanceof Publication.Ready ready) {
            Verdict verdict = paid ? access.check(path, token, ready.torrent().infoHash()) : null;
            if (verdict != null && !PaidAccess.opensPeers(verdict)) {
                refuse(response, verdict, head);
                return;
            }
            if (torrent) {
                sendTorrent(request, response, path, ready.torrent(), token, head);
            } else {
                sendMagnet(request, response, path, ready.torrent(), token, head);
            }
        } else if (publication instanceof Publication.Hashing hashing) {
            long rate = ASSUMED_HASH_RATE;
            long seconds = Math.max(2, Math.min(60, (hashing.bytesTotal() - hashing.bytesDone() + rate - 1) / rate));
            response.setHeader("Retry-After", Long.toString(seconds));
            String status = hashing.bytesTotal() == 0 ? "queued" : hashing.percent() + "% ("
                    + Progress.human(hashing.bytesDone()) + " of " + Progress.human(hashing.bytesTotal()) + ")";
            text(response, 503, "hashing " + path + ": " + status + "; try again in " + seconds + " s", head);
        } else if (publication instanceof Publication.Refused refused) {
            text(response, 422, "cannot publish " + refused.reason(), head);
        } else if (publication instanceof Publication.Failed failed) {
            response.setHeader("Retry-After", "60");
            text(response, 503, "publishing failed: " + failed.reason(), head);
        } else if (publication instanceof Publication.Busy busy) {
            response.setHeader("Retry-After", "30");
            text(response, 503, "busy: " + busy.reason(), head);
        } else {
            text(response, 404, "no file or folder named '" + path + "' is published here", head);
        }
    }

    /**
     * The paygate check that needs no publication, so nothing touches the disk for a request that
     * has no business here: no token is 403; a token refused for any reason but its scope is 403.
     * A token whose path scopes miss goes on: its info-hash scopes are checked against the
     * publication once it is known. A token whose byte budget is used up still gets its torrent:
     * the budget limits the origin's bytes, not the swarm.
     *
     * @return true to go on
     */
    private boolean earlyAdmit(HttpServletResponse response, PaidAccess access, String path, String token,
            boolean torrent, boolean head) throws IOException {
        if (token == null) {
            text(response, 403, "paygate: " + path + " is paid content; a token is required: fetch your personal "
                    + "torrent at torrent/t/{token}/" + path + (torrent ? TORRENT : MAGNET), head);
            return false;
        }
        Verdict verdict = access.check(path, token);
        if (PaidAccess.opensPeers(verdict)
                || ((Verdict.Refused) verdict).reason() == RefusalReason.OUT_OF_SCOPE) {
            return true;
        }
        refuse(response, verdict, head);
        return false;
    }

    private static void refuse(HttpServletResponse response, Verdict verdict, boolean head) throws IOException {
        text(response, 403, "paygate: " + ((Verdict.Refused) verdict).message(), head);
    }

    private void sendTorrent(HttpServletRequest request, HttpServletResponse response, String path,
            Torrent torrent, String token, boolean head) throws IOException {
        URI base = base(request);
        byte[] body;
        if (token == null) {
            String announce = Links.announce(webseed.config(), base).orElse(null);
            body = torrent.encode(announce, List.of(Links.webseedUrl(base, path, torrent.multiFile())));
        } else {
            // personal: the token rides in url-list (a path segment) and announce (a query), both
            // outside info, so the info-hash is every buyer's (BEP 3, BEP 19; docs/design.md "Paygate token")
            String announce = Links.announce(webseed.config(), base, token).orElse(null);
            body = torrent.encode(announce, List.of(Links.webseedUrl(base, path, torrent.multiFile(), token)));
        }
        String filename = torrent.name() + TORRENT;
        response.setStatus(200);
        response.setContentType("application/x-bittorrent");
        // RFC 6266 §4.3: an ASCII fallback, then the exact UTF-8 name (RFC 8187)
        response.setHeader("Content-Disposition", "attachment; filename=\"" + asciiFallback(filename)
                + "\"; filename*=UTF-8''" + Links.encode(filename));
        // a changed file gets a new info-hash; a personal torrent holds a credential: no shared cache
        response.setHeader("Cache-Control", token == null ? "no-cache" : "private, no-store");
        send(response, body, head);
    }

    private void sendMagnet(HttpServletRequest request, HttpServletResponse response, String path,
            Torrent torrent, String token, boolean head) throws IOException {
        URI base = base(request);
        String magnet;
        if (token == null) {
            magnet = Links.magnet(torrent.infoHash(), torrent.name(),
                    Links.announce(webseed.config(), base).orElse(null),
                    List.of(Links.webseedUrl(base, path, torrent.multiFile())), Links.torrentUrl(base, path));
        } else {
            magnet = Links.magnet(torrent.infoHash(), torrent.name(),
                    Links.announce(webseed.config(), base, token).orElse(null),
                    List.of(Links.webseedUrl(base, path, torrent.multiFile(), token)),
                    Links.torrentUrl(base, path, token));
        }
        response.setStatus(200);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("Cache-Control", token == null ? "no-cache" : "private, no-store");
        send(response, magnet.getBytes(StandardCharsets.UTF_8), head);
    }

    private void preflight(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(204);
        response.setHeader("Allow", "GET, HEAD, OPTIONS");
        if (!webseed.config().get(Settings.CORS_ALLOW_ORIGIN).isEmpty()) {
            response.setHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
            String asked = request.getHeader("Access-Control-Request-Headers");
            if (asked != null && HEADER_LIST.matcher(asked.trim()).matches()) {
                response.setHeader("Access-Control-Allow-Headers", asked.trim());
            }
            response.setHeader("Access-Control-Max-Age",
                    Long.toString(webseed.config().get(Settings.CORS_MAX_AGE).toSeconds()));
        }
    }

    private void cors(HttpServletResponse response) {
        String origin = webseed.config().get(Settings.CORS_ALLOW_ORIGIN);
        if (!origin.isEmpty()) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Expose-Headers", "Content-Length, Content-Disposition, Retry-After");
        }
    }

    /** {@code publicUrl}, or scheme + Host + context path of the request (see the class comment). */
    private URI base(HttpServletRequest request) {
        URI configured = webseed.config().find(Settings.PUBLIC_URL).orElse(null);
        if (configured != null) {
            return configured;
        }
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        String host = request.getHeader("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            host = request.getServerName();
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            int port = request.getServerPort();
            boolean standard = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            host = standard || port <= 0 ? host : host + ":" + port;
        }
        return URI.create(scheme + "://" + host + request.getContextPath() + "/");
    }

    private static void text(HttpServletResponse response, int status, String message, boolean head)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        send(response, (message + "\n").getBytes(StandardCharsets.UTF_8), head);
    }

    private static void send(HttpServletResponse response, byte[] body, boolean head) throws IOException {
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    private static String asciiFallback(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return sb.toString();
    }
}
