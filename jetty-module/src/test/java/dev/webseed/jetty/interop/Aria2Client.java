package dev.webseed.jetty.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.webseed.testing.Interop;

/** aria2 1.36: exits by itself once done with {@code --seed-time=0}; exit code 0 means complete. */
final class Aria2Client implements TorrentClient {
    private Path executable;

    @Override
    public String name() {
        return "aria2";
    }

    @Override
    public void require() {
        executable = Interop.require("aria2c", "apt-get install aria2");
    }

    @Override
    public void download(Path torrentFile, Path downloadDir, Path workDir, Duration timeout) throws Exception {
        List<String> command = List.of(executable.toString(),
                "--dir=" + downloadDir,
                "--seed-time=0",
                "--enable-dht=false", "--enable-dht6=false",
                "--bt-enable-lpd=false",
                "--enable-peer-exchange=false",
                "--interface=127.0.0.1", "--disable-ipv6=true",
                // aria2 wants a port range of at least 1024; it takes the first free one.
                "--listen-port=40000-60000",
                "--no-conf=true",
                "--summary-interval=5", "--console-log-level=notice", "--show-console-readout=false",
                "--allow-overwrite=true", "--auto-file-renaming=false", "--file-allocation=none",
                "--bt-stop-timeout=" + timeout.toSeconds(),
                torrentFile.toString());
        try (ClientProcess client = ClientProcess.start(command, workDir, workDir.resolve("aria2.log"))) {
            Integer exit = client.awaitExit(timeout);
            if (exit == null || exit != 0) {
                throw new AssertionError("aria2c " + (exit == null ? "timed out after " + timeout.toSeconds() + " s"
                        : "exited with " + exit) + ":\n" + client.tail(30));
            }
        }
    }
}
