package dev.webseed.jetty.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A client started in swarm mode: it downloads, leaves {@code doneMarker} once every piece is
 * verified and written, and keeps seeding to the others until {@link #close()} stops it by PID.
 */
record SwarmMember(String name, ClientProcess process, Path doneMarker) implements AutoCloseable {

    boolean done() {
        return Files.exists(doneMarker);
    }

    /** What the client wrote into its marker, or empty when it is not done. */
    String doneLine() {
        try {
            return done() ? Files.readString(doneMarker, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    /**
     * Starts a driver script of {@code interop/} that takes {@code DONE_MARKER ADDRESS} after its
     * usual arguments (libtorrent's download.py, WebTorrent's download.mjs).
     */
    static SwarmMember startDriver(String name, List<String> command, Path workDir, String address)
            throws IOException {
        Path marker = workDir.resolve("finished");
        List<String> full = new ArrayList<>(command);
        full.add(marker.toString());
        full.add(address);
        return new SwarmMember(name, ClientProcess.start(full, workDir, workDir.resolve(name + ".log")), marker);
    }

    /** A shell script for a client's "download done" hook: it writes the marker file. */
    static Path markerScript(Path workDir, Path marker) throws IOException {
        Path script = workDir.resolve("finished.sh");
        Files.writeString(script, "#!/bin/sh\necho \"done $*\" > '" + marker + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
