package dev.webseed.metainfo;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.http.Route;
import dev.webseed.http.UrlPath;

/**
 * The URLs written into torrents and magnet links, built from the public base URL of the web
 * application (ends in {@code /}, includes the context path) and the {@link Route} table; every
 * path is encoded by {@link UrlPath} (plain ASCII, docs/protocol.md W19).
 */
public final class Links {
    private static final String TORRENT_SUFFIX = ".torrent";

    private Links() {
    }

    /**
     * The {@code url-list} entry (BEP 19 §1.1, docs/protocol.md W10): for a single-file torrent the full
     * URL of the file ({@code base/seed/Season1/ep1.mkv}; WebTorrent never appends the name); for a
     * folder the URL of its parent ending in {@code /} ({@code base/seed/a/} for folder {@code a/b}),
     * to which clients append {@code name/path}.
     */
    public static String webseedUrl(URI base, String relativePath, boolean multiFile) {
        return base(base) + Route.SEED.relative() + webseedTail(relativePath, multiFile, false);
    }

    /**
     * The personal {@code url-list} entry of a paygate token: as {@link #webseedUrl(URI, String,
     * boolean)} with {@code t/{token}/} after {@code seed/}. The token is a path segment, not a
     * query: clients append {@code name/path} to a multi-file base, which destroys a query, and
     * libtorrent refuses a loopback or private web seed with a query at all (docs/protocol.md W18). A
     * token is base64url and dots, so it needs no escaping.
     */
    public static String webseedUrl(URI base, String relativePath, boolean multiFile, String token) {
        return base(base) + Route.SEED.relative(token) + webseedTail(relativePath, multiFile, false);
    }

    /**
     * The {@code url-list} entry of a published torrent, plain ({@code token} null) or personal: as
     * above, except for a folder holding exactly one file, whose entry is the folder's own URL
     * ending in {@code /} ({@code base/seed/a/b/} for folder {@code a/b}). WebTorrent treats a
     * one-file torrent as single-file and requests the entry itself, which must then name this
     * folder and no other; BEP 19 clients append {@code name/path} to it, and the webseed serves
     * both forms with the folder's one file (W10).
     */
    public static String webseedUrl(URI base, String relativePath, Torrent torrent, String token) {
        boolean oneFileFolder = torrent.multiFile() && torrent.files().size() == 1;
        return base(base) + (token == null ? Route.SEED.relative() : Route.SEED.relative(token))
                + webseedTail(relativePath, torrent.multiFile(), oneFileFolder);
    }

    /** The file's path, a one-file folder's own path with {@code /}, else its parent's (empty at the top). */
    private static String webseedTail(String relativePath, boolean multiFile, boolean oneFileFolder) {
        if (!multiFile) {
            return UrlPath.encodePath(relativePath);
        }
        if (oneFileFolder) {
            return UrlPath.encodePath(relativePath) + "/";
        }
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : UrlPath.encodePath(relativePath.substring(0, slash)) + "/";
    }

    /** The personal {@code .torrent} URL of a token: {@code base/torrent/t/{token}/{path}.torrent}. */
    public static String torrentUrl(URI base, String relativePath, String token) {
        return base(base) + Route.TORRENT.relative(token) + UrlPath.encodePath(relativePath) + TORRENT_SUFFIX;
    }

    /**
     * The personal {@code announce} URL: {@link #announce(WebseedConfig, URI)} with {@code token=}
     * in the query. The path stays {@code /announce}, so libtorrent's SSRF rule for loopback
     * trackers and both clients' scrape-URL derivation keep working (docs/protocol.md T6, T7; BEP 48).
     */
    public static Optional<String> announce(WebseedConfig config, URI base, String token) {
        return announce(config, base).map(url -> url + (url.indexOf('?') < 0 ? "?" : "&") + Route.TOKEN_PARAMETER
                + "=" + UrlPath.encode(token));
    }

    /** The URL of the {@code .torrent} of a relative path. */
    public static String torrentUrl(URI base, String relativePath) {
        return base(base) + Route.TORRENT.relative() + UrlPath.encodePath(relativePath) + TORRENT_SUFFIX;
    }

    /**
     * The {@code announce} URL: {@code announceUrl} when set, else {@code base + announce}; empty
     * when {@code trackerEnabled} is false.
     */
    public static Optional<String> announce(WebseedConfig config, URI base) {
        if (!config.get(Settings.TRACKER_ENABLED)) {
            return Optional.empty();
        }
        return Optional.of(config.find(Settings.ANNOUNCE_URL).map(URI::toString).orElse(base(base) + Route.TRACKER.relative()));
    }

    /**
     * A magnet link (BEP 9): {@code xt=urn:btih:<hex>}, {@code dn}, {@code tr}, the de-facto
     * {@code ws} (web seed) and {@code xs} (the .torrent, which WebTorrent fetches; a webseed cannot
     * serve metadata, BEP 9). Every value is fully percent-encoded, {@code &}, {@code ?},
     * {@code :} and {@code /} included, so no value can split the link.
     */
    public static String magnet(InfoHash hash, String name, String announce, List<String> webseeds,
            String torrentUrl) {
        StringBuilder sb = new StringBuilder("magnet:?xt=urn:btih:").append(hash.hex());
        sb.append("&dn=").append(UrlPath.encode(name));
        if (announce != null) {
            sb.append("&tr=").append(UrlPath.encode(announce));
        }
        for (String ws : webseeds) {
            sb.append("&ws=").append(UrlPath.encode(ws));
        }
        if (torrentUrl != null) {
            sb.append("&xs=").append(UrlPath.encode(torrentUrl));
        }
        return sb.toString();
    }

    private static String base(URI base) {
        String s = Objects.requireNonNull(base, "base").toString();
        return s.endsWith("/") ? s : s + "/";
    }
}
