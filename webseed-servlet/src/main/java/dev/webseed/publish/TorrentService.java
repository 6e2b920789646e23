package dev.webseed.publish;

import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.http.RequestPath;
import dev.webseed.http.Route;
import dev.webseed.http.UrlPath;
import dev.webseed.metainfo.Links;
import dev.webseed.metainfo.Torrent;
import dev.webseed.paygate.Paygate;
import dev.webseed.paygate.Verdict;

/**
 * The {@code .torrent} and magnet answers of {@code /torrent/*}, without a container: a decoded
 * {@link RequestPath} and the public base URL in, a {@link TorrentAnswer} out.
 *
 * <ul>
 * <li>{@code {path}.torrent}: 200 {@code application/x-bittorrent} (BEP 3 "metainfo files") with
 * {@code Content-Disposition: attachment} (RFC 6266 §4.3, an ASCII fallback and the exact UTF-8
 * name, RFC 8187).</li>
 * <li>{@code {path}.magnet}: 200 plain text, the magnet link (BEP 9, with {@code ws} and
 * {@code xs}).</li>
 * <li>While the torrent is hashed: the request waits up to {@code torrentWait} for it; past that
 * 503 with {@code Retry-After} and the progress. This endpoint is
 * fetched by people and shops, not by webseed clients, so a 503 here punishes no swarm (unlike on
 * the webseed, docs/protocol.md W12).</li>
 * <li>No such file or folder (hidden, outside the root, the root itself): 404. A name clients
 * would mangle or an empty folder: 422 (RFC 9110 §15.5.21: understood, but it cannot be published
 * as it is). A failed run (unreadable files, files that keep changing): 503, retried.</li>
 * </ul>
 *
 * <p>Paid content ({@code paygateProtect}): {@code t/{token}/{path}.torrent} (and
 * {@code .magnet}) is the buyer's personal torrent. The token is checked before the publisher is
 * asked (path scopes, then info-hash scopes against the publications the index knows), so a token
 * that does not open a path gets the same 403 whether it exists or not and starts no hashing; its
 * {@code url-list} and {@code announce} carry the token ({@link Links}), outside the info
 * dictionary, so the info-hash, and the swarm, is every buyer's (BEP 3, BEP 19); the info
 * dictionary carries the BEP 27 private flag, set at publication. Without a token, or with one that
 * does not open the path: 403 with the reason. A token on free content is ignored: the plain
 * torrent comes back. A token whose byte budget is used up still gets its torrent: the budget
 * limits the origin's bytes, not the swarm.</p>
 */
public final class TorrentService {
    private static final String TORRENT = ".torrent";
    private static final String MAGNET = ".magnet";
    private static final long ASSUMED_HASH_RATE = 100L << 20; // bytes/s, only to suggest a Retry-After

    private final WebseedConfig config;
    private final Publisher publisher;
    private final Paygate paygate;

    /** A service over the publications of {@code publisher}, paid content checked by {@code paygate}. */
    public TorrentService(WebseedConfig config, Publisher publisher, Paygate paygate) {
        this.config = Objects.requireNonNull(config, "config");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.paygate = Objects.requireNonNull(paygate, "paygate");
    }

    /**
     * The answer to a GET of a decoded path below {@code /torrent/}.
     *
     * @param base the public base URL (ends in {@code /}, includes the context path)
     */
    public TorrentAnswer answer(RequestPath requested, URI base) {
        List<String> segments = requested.segments();
        String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
        boolean torrent = last.endsWith(TORRENT);
        if (!torrent && !last.endsWith(MAGNET)) {
            return TorrentAnswer.failure(404, "not found: ask for /torrent/{path}.torrent or /torrent/{path}.magnet");
        }
        List<String> stripped = new ArrayList<>(segments);
        stripped.set(stripped.size() - 1, last.substring(0, last.length() - (torrent ? TORRENT : MAGNET).length()));
        RequestPath named = RequestPath.of(stripped);
        RequestPath content = named.withoutToken();
        String path = content.joined();
        boolean paid = paygate.isPaid(path);
        String token = paid ? named.token() : null; // free content: the plain torrent, whatever token came
        if (paid) {
            Optional<String> denial = denialBeforePublication(path, token, torrent);
            if (denial.isPresent()) {
                return TorrentAnswer.failure(403, denial.get());
            }
        }
        Publication publication = held(path, publisher.request(path));
        if (publication instanceof Publication.Ready ready) {
            if (paygate.forPeers(path, token, ready.torrent().infoHash()) instanceof Verdict.Denied denied) {
                return TorrentAnswer.failure(403, "paygate: " + denied.message());
            }
            return torrent ? torrentFile(base, path, ready.torrent(), token) : magnet(base, path, ready.torrent(), token);
        }
        if (publication instanceof Publication.Hashing hashing) {
            long left = hashing.bytesTotal() - hashing.bytesDone();
            long seconds = Math.max(2, Math.min(60, (left + ASSUMED_HASH_RATE - 1) / ASSUMED_HASH_RATE));
            String status = hashing.bytesTotal() == 0 ? "queued" : hashing.percent() + "% ("
                    + Progress.human(hashing.bytesDone()) + " of " + Progress.human(hashing.bytesTotal()) + ")";
            return TorrentAnswer.failure(503, "hashing " + path + ": " + status + "; try again in " + seconds + " s",
                    seconds);
        }
        if (publication instanceof Publication.Unpublishable unpublishable) {
            return TorrentAnswer.failure(422, "cannot publish " + unpublishable.reason());
        }
        if (publication instanceof Publication.Failed failed) {
            return TorrentAnswer.failure(503, "publishing failed: " + failed.reason(), 60);
        }
        if (publication instanceof Publication.Busy busy) {
            return TorrentAnswer.failure(503, "busy: " + busy.reason(), 30);
        }
        return TorrentAnswer.failure(404, "no file or folder named '" + path + "' is published here");
    }

    /**
     * A publication being hashed, waited for up to {@code torrentWait}: clients
     * handed a {@code .torrent} URL treat a 503 as final (aria2c gives up; WebTorrent reads the body
     * as a torrent), so the first request for a path not hashed yet gets the torrent when hashing
     * takes less than that. Only past it is the answer 503 with {@code Retry-After}.
     */
    private Publication held(String path, Publication publication) {
        Duration wait = config.get(Settings.TORRENT_WAIT);
        if (!(publication instanceof Publication.Hashing) || wait.isZero()) {
            return publication;
        }
        try {
            return publisher.await(path).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return publisher.request(path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return publication;
        }
    }

    /**
     * The paygate check before the publisher is asked, so a request that has no business here
     * touches no file and starts no hashing, and gets the same answer whether the path exists or
     * not: no token, or a token that does not open the path ({@link
     * Paygate#forPeers}, which knows the info-hash scopes without hashing), is denied with the
     * reason. A used-up byte budget still opens peers.
     */
    private Optional<String> denialBeforePublication(String path, String token, boolean torrent) {
        if (token == null) {
            return Optional.of("paygate: " + path + " is paid content; a token is required: fetch your personal "
                    + "torrent at " + Route.TORRENT.relative() + Route.TOKEN_SEGMENT + "/{token}/" + path
                    + (torrent ? TORRENT : MAGNET));
        }
        return paygate.forPeers(path, token) instanceof Verdict.Denied denied
                ? Optional.of("paygate: " + denied.message()) : Optional.empty();
    }

    private TorrentAnswer torrentFile(URI base, String path, Torrent torrent, String token) {
        String announce = (token == null ? Links.announce(config, base) : Links.announce(config, base, token))
                .orElse(null);
        String webseed = Links.webseedUrl(base, path, torrent, token);
        String filename = torrent.name() + TORRENT;
        return new TorrentAnswer(200, "application/x-bittorrent", Map.of(
                "Content-Disposition", "attachment; filename=\"" + asciiFallback(filename)
                        + "\"; filename*=UTF-8''" + UrlPath.encode(filename),
                "Cache-Control", cacheControl(token)), torrent.encode(announce, List.of(webseed)));
    }

    private TorrentAnswer magnet(URI base, String path, Torrent torrent, String token) {
        String magnet = token == null
                ? Links.magnet(torrent.infoHash(), torrent.name(), Links.announce(config, base).orElse(null),
                        List.of(Links.webseedUrl(base, path, torrent, null)), Links.torrentUrl(base, path))
                : Links.magnet(torrent.infoHash(), torrent.name(), Links.announce(config, base, token).orElse(null),
                        List.of(Links.webseedUrl(base, path, torrent, token)),
                        Links.torrentUrl(base, path, token));
        return new TorrentAnswer(200, TorrentAnswer.PLAIN_TEXT, Map.of("Cache-Control", cacheControl(token)),
                magnet.getBytes(StandardCharsets.UTF_8));
    }

    /** A changed file gets a new info-hash; a personal torrent holds a credential: no shared cache. */
    private static String cacheControl(String token) {
        return token == null ? "no-cache" : "private, no-store";
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
