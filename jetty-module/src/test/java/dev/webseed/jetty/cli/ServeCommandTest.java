package dev.webseed.jetty.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.jetty.WebseedServer;

@ExtendWith(WorkDirExtension.class)
final class ServeCommandTest {
    WorkDir workDir;

    @Test
    void start_printsListeningLineAndOneTorrentUrlPerTopLevelEntry() throws Exception {
        Path root = workDir.getEmptyPathDir().resolve("films");
        Files.createDirectories(root.resolve("multi/sub"));
        Files.writeString(root.resolve("Grüße Welt+1.dat"), "x");
        Files.writeString(root.resolve("multi/sub/nested file.bin"), "y");
        Files.writeString(root.resolve(".hidden"), "z");
        // links that leave the root (404 without followSymlinks) or name hidden content are not listed
        Path outside = Files.writeString(workDir.getPath().resolve("outside.bin"), "o");
        Files.createSymbolicLink(root.resolve("out-link.bin"), outside);
        Files.createSymbolicLink(root.resolve("out-dir"), workDir.getPath());
        Files.createSymbolicLink(root.resolve("hidden-link"), root.resolve(".hidden"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ServeOptions options = ServeArguments.parse("--content-root", root.toString(), "--port", "0");

        Server server = ServeCommand.start(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int port = WebseedServer.localPort(server);
            List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat("a line of its own", lines, org.hamcrest.Matchers.hasItem(
                    "Listening on http://127.0.0.1:" + port + "/"));
            assertThat("published entries, encoded, hidden ones and links out of the root left out", lines.stream()
                    .filter(l -> l.contains("/torrent/")).map(String::trim).toList(), is(List.of(
                    "http://127.0.0.1:" + port + "/torrent/Gr%C3%BC%C3%9Fe%20Welt%2B1.dat.torrent",
                    "http://127.0.0.1:" + port + "/torrent/multi.torrent")));
            assertThat("the operator view", lines, org.hamcrest.Matchers.hasItems(
                    "Torrents page http://127.0.0.1:" + port + "/",
                    "Status http://127.0.0.1:" + port + "/status (also http://127.0.0.1:" + port + "/stats, "
                            + "http://127.0.0.1:" + port + "/metrics; readable from 127.0.0.0/8,::1)",
                    "Health http://127.0.0.1:" + port + "/health"));
        } finally {
            server.stop();
        }
    }

    @Test
    void missingDefaultContent_isCreatedWithASampleFile() throws Exception {
        Path root = workDir.getEmptyPathDir().resolve("content");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ServeCommand.createDefaultContent(root, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat("sample file", Files.readString(root.resolve(ServeCommand.SAMPLE_NAME)),
                containsString("Welcome to Webseed"));
        assertThat("says so", bytes.toString(StandardCharsets.UTF_8), matchesPattern("(?s)Created .*content.*\\R"));
    }

    @Test
    void existingDefaultContent_isLeftAlone() throws Exception {
        Path root = workDir.getEmptyPathDir();
        ServeCommand.createDefaultContent(root, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertThat("nothing written into an existing folder", Files.exists(root.resolve(ServeCommand.SAMPLE_NAME)),
                is(false));
    }

    @Test
    void portInUse_isAStartFailureNamingTheAddress() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            ServeOptions options = ServeArguments.parse("--content-root", workDir.getEmptyPathDir().toString(),
                    "--port", String.valueOf(taken.getLocalPort()));
            ServeCommand.StartException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ServeCommand.StartException.class, () -> ServeCommand.start(options,
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            assertThat("names the address", e.getMessage(), containsString("127.0.0.1:" + taken.getLocalPort()));
        }
    }
}
