package dev.webseed.jetty.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real BitTorrent client driven by the interop tests. Every implementation binds to 127.0.0.1,
 * switches off DHT, LSD, PEX and UPnP/NAT-PMP, and is stopped by the PID of the process it
 * started, so the torrent's web seed (our server) is its only source.
 */
interface TorrentClient {
    /** A short name for reports, e.g. {@code aria2}. */
    String name();

    /** Checks that the client is installed (skip or fail through {@code Interop}). */
    void require();

    /**
     * Downloads one torrent into {@code downloadDir}; returns once the client reports every piece
     * verified and has stopped, or throws an {@link AssertionError} with the end of its log.
     *
     * @param workDir a fresh folder for the client's own files (configuration, log)
     */
    void download(Path torrentFile, Path downloadDir, Path workDir, Duration timeout) throws Exception;

    /**
     * Starts the client on one torrent in swarm mode and returns at once: it takes pieces from
     * the web seed and from the peers the tracker hands out, shares them, marks when it is done
     * and keeps seeding until the returned member is closed (or {@code timeout} passes).
     *
     * @param address the loopback address (127.0.0.x) the client listens on and connects from, so
     *                that each client is its own host as on the Internet (Transmission keeps one
     *                connection per peer address)
     */
    SwarmMember join(Path torrentFile, Path downloadDir, Path workDir, String address, Duration timeout)
            throws Exception;

    /** The repository's {@code interop} folder (drivers and the WebTorrent project). */
    static Path interopDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("interop/webtorrent/package.json"))) {
                return dir.resolve("interop");
            }
        }
        throw new IllegalStateException("no interop/ folder above " + Path.of("").toAbsolutePath());
    }
}
