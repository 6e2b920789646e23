package dev.webseed.jetty.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.webseed.testing.Interop;

/**
 * WebTorrent 3 on Node through {@code interop/webtorrent/download.mjs}; the package is installed
 * by {@code npm ci --ignore-scripts} in {@code interop/webtorrent} (.ci/run does it).
 */
final class WebTorrentClient implements TorrentClient {
    private Path node;

    @Override
    public String name() {
        return "webtorrent";
    }

    @Override
    public void require() {
        node = Interop.require("node", "Node.js 20 or later");
        Path project = TorrentClient.interopDir().resolve("webtorrent");
        if (!Files.isRegularFile(project.resolve("node_modules/webtorrent/package.json"))) {
            Interop.missing("npm package webtorrent (cd interop/webtorrent && npm ci --ignore-scripts)");
        }
    }

    @Override
    public void download(Path torrentFile, Path downloadDir, Path workDir, Duration timeout) throws Exception {
        Path script = TorrentClient.interopDir().resolve("webtorrent/download.mjs");
        List<String> command = List.of(node.toString(), script.toString(), torrentFile.toString(),
                downloadDir.toString(), String.valueOf(timeout.toSeconds()));
        try (ClientProcess client = ClientProcess.start(command, workDir, workDir.resolve("webtorrent.log"))) {
            Integer exit = client.awaitExit(timeout.plusSeconds(30));
            if (exit == null || exit != 0) {
                throw new AssertionError("webtorrent " + (exit == null ? "timed out" : "exited with " + exit)
                        + ":\n" + client.tail(30));
            }
        }
    }

    @Override
    public SwarmMember join(Path torrentFile, Path downloadDir, Path workDir, String address, Duration timeout)
            throws Exception {
        Path script = TorrentClient.interopDir().resolve("webtorrent/download.mjs");
        return SwarmMember.startDriver(name(), List.of(node.toString(), script.toString(), torrentFile.toString(),
                downloadDir.toString(), String.valueOf(timeout.toSeconds())), workDir, address);
    }
}
