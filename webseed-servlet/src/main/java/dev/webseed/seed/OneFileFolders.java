package dev.webseed.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.webseed.content.ContentRoot;
import dev.webseed.metainfo.Layout;

/**
 * The URLs of a folder holding exactly one file (docs/protocol.md W10). Its torrent's {@code
 * url-list} entry is the folder's own URL ending in {@code /} ({@code Links}), because WebTorrent
 * treats a one-file torrent as single-file and requests that entry itself ({@code lib/webconn.js}
 * of WebTorrent 3: with at most one file it fetches {@code this.url} as is), while BEP 19 clients
 * append {@code name/path} to it, and libtorrent 2.0, also treating a one-file torrent as
 * single-file, appends the torrent name alone ({@code web_peer_connection.cpp}). So, for a folder
 * {@code F} whose torrent would hold one file {@code F/p}:
 * <ul>
 * <li>{@code F/} (WebTorrent) names {@code F/p};</li>
 * <li>{@code F/{name of F}} (libtorrent) names {@code F/p};</li>
 * <li>{@code F/{name of F}/p} (aria2, Transmission) names {@code F/p}.</li>
 * </ul>
 * The last two only when no file has that path itself (a real file always wins).
 * Which file is "the one" follows the publisher's rule ({@link Layout#soleFile}), so these URLs
 * serve exactly the bytes that were hashed. The caller asks the paygate again for the file found.
 */
final class OneFileFolders {
    private final ContentRoot content;

    OneFileFolders(ContentRoot content) {
        this.content = content;
    }

    /** The segments of the one file a request path names through its folder, or empty. */
    Optional<List<String>> fileOf(List<String> segments) {
        int n = segments.size();
        if (n >= 2 && segments.get(n - 1).isEmpty()) {
            return soleFile(segments.subList(0, n - 1));
        }
        for (int k = 1; k < n; k++) {
            if (segments.get(k).equals(segments.get(k - 1))) {
                List<String> folder = segments.subList(0, k);
                List<String> rest = segments.subList(k + 1, n);
                List<String> wanted = new ArrayList<>(folder);
                wanted.addAll(rest);
                Optional<List<String>> file = soleFile(folder);
                if (file.isPresent() && (rest.isEmpty() || file.get().equals(wanted))
                        && content.resolve(String.join("/", segments)).isEmpty()) {
                    return file;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<List<String>> soleFile(List<String> folder) {
        if (folder.isEmpty()) {
            return Optional.empty(); // the root is no publication
        }
        return content.resolve(String.join("/", folder))
                .flatMap(dir -> Layout.soleFile(dir, content::isServable))
                .map(file -> {
                    List<String> path = new ArrayList<>(folder);
                    path.addAll(file.path());
                    return path;
                });
    }
}
