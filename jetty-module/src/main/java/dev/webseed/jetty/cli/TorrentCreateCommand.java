package dev.webseed.jetty.cli;

import java.io.PrintStream;

/** STUB: {@code torrent create PATH [-o FILE] [--piece-length BYTES] [--webseed URL] [--announce URL]}. */
public final class TorrentCreateCommand {
    private TorrentCreateCommand() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("torrent create: not implemented yet");
        return 1;
    }
}
