package dev.webseed.jetty.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A client driven by a script of {@code interop/} ({@code libtorrent/download.py},
 * {@code webtorrent/download.mjs}): {@code INTERPRETER SCRIPT TORRENT DIR TIMEOUT_SECONDS}, exit 0
 * once complete; with {@code DONE_MARKER ADDRESS} after them, the swarm mode of {@link SwarmMember}.
 */
record DriverScript(String name, Path interpreter, Path script) {

    private List<String> command(Path torrentFile, Path downloadDir, Duration timeout) {
        return List.of(interpreter.toString(), script.toString(), torrentFile.toString(), downloadDir.toString(),
                String.valueOf(timeout.toSeconds()));
    }

    /** Runs the script to the end; an {@link AssertionError} with its last lines unless it exits 0. */
    void download(Path torrentFile, Path downloadDir, Path workDir, Duration timeout) throws Exception {
        List<String> command = command(torrentFile, downloadDir, timeout);
        try (ClientProcess client = ClientProcess.start(command, workDir, workDir.resolve(name + ".log"))) {
            Integer exit = client.awaitExit(timeout.plusSeconds(30));
            if (exit == null || exit != 0) {
                throw new AssertionError(name + " " + (exit == null ? "timed out" : "exited with " + exit)
                        + ":\n" + client.tail(30));
            }
        }
    }

    SwarmMember join(Path torrentFile, Path downloadDir, Path workDir, String address, Duration timeout)
            throws Exception {
        return SwarmMember.startDriver(name, command(torrentFile, downloadDir, timeout), workDir, address);
    }
}
