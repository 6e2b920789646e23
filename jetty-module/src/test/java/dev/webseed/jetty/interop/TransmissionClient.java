package dev.webseed.jetty.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.webseed.testing.Interop;

/**
 * transmission-cli 3.00. It never exits by itself, so its "torrent done" script (called once every
 * piece is verified and written) leaves a marker file; the test then stops the process by PID.
 * DHT, LSD, PEX, uTP and port forwarding are switched off and the peer sockets bound to loopback
 * through the {@code settings.json} of a private configuration folder ({@code -g}). In swarm mode it
 * simply keeps running (seeding) after the marker appears. Transmission 3 ignores tracker peers in
 * 127/8, so on loopback it only trades over connections the other clients open to it.
 */
final class TransmissionClient implements TorrentClient {
    private Path executable;

    @Override
    public String name() {
        return "transmission";
    }

    @Override
    public void require() {
        executable = Interop.require("transmission-cli", "apt-get install transmission-cli");
    }

    /** Writes the private configuration and starts transmission-cli; the marker appears once it is done. */
    private ClientProcess start(Path torrentFile, Path downloadDir, Path workDir, String address, Path marker)
            throws Exception {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Path script = SwarmMember.markerScript(workDir, marker);
        Files.writeString(config.resolve("settings.json"), """
                {
                  "dht-enabled": false,
                  "lpd-enabled": false,
                  "pex-enabled": false,
                  "utp-enabled": false,
                  "port-forwarding-enabled": false,
                  "bind-address-ipv4": "%s",
                  "bind-address-ipv6": "::1",
                  "peer-port-random-on-start": true,
                  "peer-port-random-low": 40000,
                  "peer-port-random-high": 60000,
                  "rename-partial-files": false,
                  "incomplete-dir-enabled": false,
                  "start-added-torrents": true,
                  "script-torrent-done-enabled": true,
                  "script-torrent-done-filename": "%s"
                }
                """.formatted(address, script), StandardCharsets.UTF_8);
        List<String> command = List.of(executable.toString(), "-g", config.toString(), "-w", downloadDir.toString(),
                "--no-portmap", torrentFile.toString());
        return ClientProcess.start(command, workDir, workDir.resolve("transmission.log"));
    }

    @Override
    public void download(Path torrentFile, Path downloadDir, Path workDir, Duration timeout) throws Exception {
        Path marker = workDir.resolve("finished");
        try (ClientProcess client = start(torrentFile, downloadDir, workDir, "127.0.0.1", marker)) {
            if (!client.awaitCondition(() -> Files.exists(marker), timeout)) {
                throw new AssertionError("transmission-cli did not finish within " + timeout.toSeconds() + " s:\n"
                        + client.tail(30));
            }
        }
    }

    @Override
    public SwarmMember join(Path torrentFile, Path downloadDir, Path workDir, String address, Duration timeout)
            throws Exception {
        Path marker = workDir.resolve("finished");
        return new SwarmMember(name(), start(torrentFile, downloadDir, workDir, address, marker), marker);
    }
}
