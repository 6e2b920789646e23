package dev.webseed.metainfo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;

/**
 * The URLs written into torrents and magnet links, built from the public base URL of the web
 * application (ends in {@code /}, includes the context path).
 *
 * <p>Every path segment is percent-encoded keeping only RFC 3986 §2.3 unreserved characters
 * ({@code A-Za-z0-9-._~}), UTF-8, upper-case hex (RFC 3986 §2.1), so {@code url-list} is pure
 * ASCII that no client re-escapes or drops (W19).</p>
 */
public final class Links {
    /** Where the webseed servlet is mapped, relative to the base. */
    public static final String SEED = "seed/";
    /** Where the torrent servlet is mapped, relative to the base. */
    public static final String TORRENT = "torrent/";
    /** Where the tracker is mapped, relative to the base. */
    public static final String ANNOUNCE = "announce";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Links() {
    }

    /** Percent-encodes everything but the unreserved characters (RFC 3986 §2.3). */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return sb.toString();
    }

    /** Encodes each {@code /}-separated segment of a relative path. */
    public static String encodePath(String relativePath) {
        String[] segments = relativePath.split("/", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(encode(segments[i]));
        }
        return sb.toString();
    }

    /**
     * The {@code url-list} entry (BEP 19 §1.1, W10): for a single-file torrent the full
     * URL of the file ({@code base/seed/Season1/ep1.mkv}; WebTorrent never appends the name); for a
     * folder the URL of its parent ending in {@code /} ({@code base/seed/a/} for folder {@code a/b}),
     * to which clients append {@code name/path}.
     */
    public static String webseedUrl(URI base, String relativePath, boolean multiFile) {
        String seed = base(base) + SEED;
        if (!multiFile) {
            return seed + encodePath(relativePath);
        }
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? seed : seed + encodePath(relativePath.substring(0, slash)) + "/";
    }

    /**
     * The personal {@code url-list} entry of a paygate token: as {@link #webseedUrl(URI, String,
     * boolean)} with {@code t/{token}/} after {@code seed/}. The token is a path segment, not a
     * query: clients append {@code name/path} to a multi-file base, which destroys a query, and
     * libtorrent refuses a loopback or private web seed with a query at all (W18). A
     * token is base64url and dots, so it needs no escaping.
     */
    public static String webseedUrl(URI base, String relativePath, boolean multiFile, String token) {
        String plain = webseedUrl(base, relativePath, multiFile);
        int at = base(base).length() + SEED.length();
        return plain.substring(0, at) + "t/" + encode(token) + "/" + plain.substring(at);
    }

    /** The personal {@code .torrent} URL of a token: {@code base/torrent/t/{token}/{path}.torrent}. */
    public static String torrentUrl(URI base, String relativePath, String token) {
        return base(base) + TORRENT + "t/" + encode(token) + "/" + encodePath(relativePath) + ".torrent";
    }

    /**
     * The personal {@code announce} URL: {@link #announce(WebseedConfig, URI)} with {@code token=}
     * in the query. The path stays {@code /announce}, so libtorrent's SSRF rule for loopback
     * trackers and both clients' scrape-URL derivation keep working (T6, T7, docs/protocol.md "Scrape").
     */
    public static Optional<String> announce(WebseedConfig config, URI base, String token) {
        return announce(config, base).map(url -> url + (url.indexOf('?') < 0 ? "?" : "&") + "token=" + encode(token));
    }

    /** The URL of the {@code .torrent} of a relative path. */
    public static String torrentUrl(URI base, String relativePath) {
        return base(base) + TORRENT + encodePath(relativePath) + ".torrent";
    }

    /** The URL of the magnet link of a relative path. */
    public static String magnetUrl(URI base, String relativePath) {
        return base(base) + TORRENT + encodePath(relativePath) + ".magnet";
    }

    /**
     * The {@code announce} URL: {@code announceUrl} when set, else {@code base + announce}; empty
     * when {@code trackerEnabled} is false.
     */
    public static Optional<String> announce(WebseedConfig config, URI base) {
        if (!config.get(Settings.TRACKER_ENABLED)) {
            return Optional.empty();
        }
        return Optional.of(config.find(Settings.ANNOUNCE_URL).map(URI::toString).orElse(base(base) + ANNOUNCE));
    }

    /**
     * A magnet link (BEP 9): {@code xt=urn:btih:<hex>}, {@code dn}, {@code tr}, the de-facto
     * {@code ws} (web seed) and {@code xs} (the .torrent, which WebTorrent fetches; a webseed cannot
     * serve metadata, docs/protocol.md "Magnet links"). Every value is fully percent-encoded, {@code &}, {@code ?},
     * {@code :} and {@code /} included, so no value can split the link.
     */
    public static String magnet(InfoHash hash, String name, String announce, List<String> webseeds,
            String torrentUrl) {
        StringBuilder sb = new StringBuilder("magnet:?xt=urn:btih:").append(hash.hex());
        sb.append("&dn=").append(encode(name));
        if (announce != null) {
            sb.append("&tr=").append(encode(announce));
        }
        for (String ws : webseeds) {
            sb.append("&ws=").append(encode(ws));
        }
        if (torrentUrl != null) {
            sb.append("&xs=").append(encode(torrentUrl));
        }
        return sb.toString();
    }

    private static String base(URI base) {
        String s = Objects.requireNonNull(base, "base").toString();
        return s.endsWith("/") ? s : s + "/";
    }
}
