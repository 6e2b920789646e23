package dev.webseed.jetty.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.webseed.testing.Interop;

/**
 * aria2 1.36: exits by itself once done with {@code --seed-time=0}; exit code 0 means complete.
 * In swarm mode it seeds on (ratio ignored) and its BitTorrent "download complete" hook, called
 * once every piece is verified and before seeding, writes the marker.
 */
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

    private List<String> command(Path torrentFile, Path downloadDir, String address, Duration timeout,
            List<String> seeding) {
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--dir=" + downloadDir,
                "--enable-dht=false", "--enable-dht6=false",
                "--bt-enable-lpd=false",
                "--enable-peer-exchange=false",
                "--interface=" + address, "--disable-ipv6=true",
                // aria2 wants a port range of at least 1024; it takes the first free one.
                "--listen-port=40000-60000",
                "--no-conf=true",
                "--summary-interval=5", "--console-log-level=notice", "--show-console-readout=false",
                "--allow-overwrite=true", "--auto-file-renaming=false", "--file-allocation=none",
                "--bt-stop-timeout=" + timeout.toSeconds()));
        command.addAll(seeding);
        command.add(torrentFile.toString());
        return command;
    }

    @Override
    public void download(Path torrentFile, Path downloadDir, Path workDir, Duration timeout) throws Exception {
        List<String> command = command(torrentFile, downloadDir, "127.0.0.1", timeout, List.of("--seed-time=0"));
        try (ClientProcess client = ClientProcess.start(command, workDir, workDir.resolve("aria2.log"))) {
            Integer exit = client.awaitExit(timeout);
            if (exit == null || exit != 0) {
                throw new AssertionError("aria2c " + (exit == null ? "timed out after " + timeout.toSeconds() + " s"
                        : "exited with " + exit) + ":\n" + client.tail(30));
            }
        }
    }

    @Override
    public SwarmMember join(Path torrentFile, Path downloadDir, Path workDir, String address, Duration timeout)
            throws Exception {
        Path marker = workDir.resolve("finished");
        Path script = SwarmMember.markerScript(workDir, marker);
        List<String> command = command(torrentFile, downloadDir, address, timeout, List.of(
                // seeding ends when either condition holds: ratio 0.0 means "whatever the ratio"
                "--seed-ratio=0.0", "--seed-time=" + Math.max(1, timeout.toMinutes()),
                "--on-bt-download-complete=" + script));
        return new SwarmMember(name(), ClientProcess.start(command, workDir, workDir.resolve("aria2.log")), marker);
    }
}
