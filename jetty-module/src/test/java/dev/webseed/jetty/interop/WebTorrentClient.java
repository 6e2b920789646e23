package dev.webseed.jetty.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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

    private DriverScript driver() {
        return new DriverScript(name(), node, TorrentClient.interopDir().resolve("webtorrent/download.mjs"));
    }

    @Override
    public void download(Path torrentFile, Path downloadDir, Path workDir, Duration timeout) throws Exception {
        driver().download(torrentFile, downloadDir, workDir, timeout);
    }

    @Override
    public SwarmMember join(Path torrentFile, Path downloadDir, Path workDir, String address, Duration timeout)
            throws Exception {
        return driver().join(torrentFile, downloadDir, workDir, address, timeout);
    }
}
