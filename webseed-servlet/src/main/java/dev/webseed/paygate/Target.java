package dev.webseed.paygate;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.webseed.metainfo.InfoHash;

/**
 * What a request wants, for the scope check: a content path (webseed range, {@code .torrent}) and
 * the info-hashes of the publications it belongs to, or only an info-hash (tracker announce and
 * scrape). A token covers the target when any of its scopes matches the path or any of the hashes.
 *
 * @param path       the percent-decoded relative content path ({@code paid/film.mkv}), if any
 * @param infoHashes the info-hashes of the torrents this request serves (may be empty)
 */
public record Target(Optional<String> path, Set<InfoHash> infoHashes) {
    public Target {
        Objects.requireNonNull(path, "path");
        infoHashes = Set.copyOf(infoHashes);
    }

    /**
     * A webseed or metainfo request for a relative content path; pass the info-hashes of the
     * publications serving it (the file's own torrent, its folders' torrents) so tokens scoped by
     * info-hash are honoured too.
     */
    public static Target path(String relativePath, InfoHash... publications) {
        return new Target(Optional.of(Objects.requireNonNull(relativePath, "relativePath")),
                Set.copyOf(Arrays.asList(publications)));
    }

    /** A tracker request for one swarm. */
    public static Target infoHash(InfoHash hash) {
        return new Target(Optional.empty(), Set.of(hash));
    }

    @Override
    public String toString() {
        return path.orElse("") + (infoHashes.isEmpty() ? "" : " " + infoHashes);
    }
}
