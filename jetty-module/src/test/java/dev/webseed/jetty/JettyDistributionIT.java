package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.testing.Downloads;
import dev.webseed.testing.HostileRequests;
import dev.webseed.testing.ServerProcess;

/**
 * The README's "Drop into Jetty" steps on the real {@code org.eclipse.jetty:jetty-home}
 * distribution (unpacked by the build into {@code target/dist}): our overlay unpacked into a fresh
 * {@code $JETTY_BASE}, {@code start.jar --add-modules=http,webseed}, {@code webseed.contentRoot}
 * appended to {@code start.d/webseed.ini}, then {@code start.jar} as a separate process on
 * 127.0.0.1 and a free port. aria2 downloads the published file through it byte-exactly; the
 * process is stopped by PID.
 */
@ExtendWith(WorkDirExtension.class)
final class JettyDistributionIT {
    static final Pattern STARTED = Pattern.compile("Started oejs\\.Server@");
    static final Pattern CONNECTOR = Pattern.compile("Started oejs\\.ServerConnector@.*\\{127\\.0\\.0\\.1:(\\d+)\\}");
    static final String FILE = "sample film.bin";

    WorkDir workDir;

    @Test
    void overlayOnJettyHome_startsAndServesAria2ByteExactly() throws Exception {
        Path jettyHome = Path.of(System.getProperty("jetty.home", "target/dist/jetty-home"));
        Path overlay = Path.of(System.getProperty("webseed.overlay", "target/webseed-jetty-base.zip"));
        assertThat("jetty-home unpacked by the build: " + jettyHome, Files.isRegularFile(jettyHome.resolve(
                "start.jar")), is(true));
        assertThat("overlay built by the package phase: " + overlay, Files.isRegularFile(overlay), is(true));
        Path dir = workDir.getEmptyPathDir();
        Path films = dir.resolve("films");
        Path source = Downloads.content(films.resolve(FILE), 6 * 1024 * 1024 + 12345, 5L);

        // README: mkdir jetty-base && cd jetty-base && unzip .../webseed-<version>-jetty-base.zip
        Path base = Files.createDirectories(dir.resolve("jetty-base"));
        unzip(overlay, base);
        assertOverlayHasOnlyOurJars(base.resolve("lib/webseed"));

        // README: java -jar $JETTY_HOME/start.jar --add-modules=http,webseed
        String startJar = jettyHome.resolve("start.jar").toString();
        try (ServerProcess add = ServerProcess.start(List.of(ServerProcess.java(), "-jar", startJar,
                "--add-modules=http,webseed"), base, Map.of(), dir.resolve("add-modules.log"))) {
            assertThat("--add-modules exit code:\n" + add.tail(30), add.awaitExit(Duration.ofSeconds(60)), is(0));
        }
        Path ini = base.resolve("start.d/webseed.ini");
        String written = Files.readString(ini, StandardCharsets.UTF_8);
        assertThat("webseed.ini enables the module", written, containsString("\n--modules=webseed\n"));
        assertThat("webseed.ini is the commented [ini-template]", written.stripTrailing(),
                endsWith("--modules=webseed\n\n" + JettyModuleFilesTest.iniTemplate().stripTrailing()));
        for (String line : written.split("\n")) {
            assertThat("nothing but --modules is active in " + ini, line.isBlank() || line.startsWith("#")
                    || line.equals("--modules=webseed"), is(true));
        }

        // README: echo "webseed.contentRoot=/srv/films" >> start.d/webseed.ini
        Files.writeString(ini, "webseed.contentRoot=" + films + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        // README: java -jar $JETTY_HOME/start.jar   (here on loopback and a free port)
        List<String> start = List.of(ServerProcess.java(), "-jar", startJar, "jetty.http.host=127.0.0.1",
                "jetty.http.port=0");
        try (ServerProcess jetty = ServerProcess.start(start, base, Map.of(), dir.resolve("jetty.log"))) {
            jetty.await(STARTED, Duration.ofSeconds(90));
            Matcher connector = jetty.await(CONNECTOR, Duration.ofSeconds(5));
            URI root = URI.create("http://127.0.0.1:" + connector.group(1) + "/");

            byte[] torrent = Downloads.torrent(root.resolve("torrent/sample%20film.bin.torrent"),
                    Duration.ofSeconds(60));
            String text = new String(torrent, StandardCharsets.ISO_8859_1);
            assertThat("announce at the root context", text, containsString(root + "announce"));
            assertThat("url-list is this server's /seed/", text, containsString(root + "seed/"));
            HttpResponse<byte[]> announce = Downloads.get(root.resolve("announce"), Map.of());
            assertThat("the tracker answers at /announce", new String(announce.body(), StandardCharsets.UTF_8),
                    containsString("failure reason"));

            Path torrentFile = Files.write(dir.resolve("sample.torrent"), torrent);
            // the operator view is wired too: "" (the empty Arg) maps the landing page at the root
            HttpResponse<byte[]> landing = Downloads.get(root, Map.of());
            assertThat("the landing page at /", new String(landing.body(), StandardCharsets.UTF_8),
                    containsString("sample film.bin"));
            assertThat("/health", Downloads.get(root.resolve("health"), Map.of()).statusCode(), is(200));
            Path downloads = dir.resolve("aria2");
            Downloads.aria2(torrentFile, downloads, Duration.ofSeconds(120));
            assertThat("SHA-256 of the download", Downloads.sha256(downloads.resolve(FILE)),
                    is(Downloads.sha256(source)));

            assertThat("stopped by PID " + jetty.pid() + " within 20 s", jetty.stop(Duration.ofSeconds(20)),
                    is(true));
        }
    }

    /**
     * An unknown {@code webseed.*} property stops start-up with a did-you-mean
     * hint, whether it is in {@code start.d/webseed.ini} or on start.jar's command line.
     */
    @Test
    void anUnknownModulePropertyStopsStartUpNamingIt() throws Exception {
        Path dir = workDir.getEmptyPathDir();
        Path films = Files.createDirectories(dir.resolve("films"));
        Files.writeString(films.resolve("a.txt"), "a");
        Path base = jettyBase(dir);
        Path ini = base.resolve("start.d/webseed.ini");
        Files.writeString(ini, "webseed.contentRoot=" + films + "\nwebseed.numwantmax=5\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        String startJar = jettyHome().resolve("start.jar").toString();
        List<String> start = List.of(ServerProcess.java(), "-jar", startJar, "jetty.http.host=127.0.0.1",
                "jetty.http.port=0");
        try (ServerProcess jetty = ServerProcess.start(start, base, Map.of(), dir.resolve("ini.log"))) {
            Integer exit = jetty.awaitExit(Duration.ofSeconds(90));
            String log = jetty.tail(200);
            assertThat("start-up stopped:\n" + log, exit != null && exit != 0, is(true));
            assertThat(log, containsString(
                    "parameter 'webseed.numwantmax': unknown Jetty module property (did you mean 'webseed.numwantMax'?)"));
            assertThat("never started", log, not(containsString("Started oejs.Server@")));
        }
        Files.writeString(ini, Files.readString(ini).replace("webseed.numwantmax=5\n", ""), StandardCharsets.UTF_8);
        List<String> typoOnCommandLine = new ArrayList<>(start);
        typoOnCommandLine.add("webseed.contentroot=" + films);
        try (ServerProcess jetty = ServerProcess.start(typoOnCommandLine, base, Map.of(), dir.resolve("cli.log"))) {
            Integer exit = jetty.awaitExit(Duration.ofSeconds(90));
            String log = jetty.tail(200);
            assertThat("start-up stopped:\n" + log, exit != null && exit != 0, is(true));
            assertThat(log, containsString("(did you mean 'webseed.contentRoot'?)"));
        }
    }

    /**
     * On the real distribution: requests Jetty refuses before any servlet
     * (and ones our servlets refuse) get no stack trace, no "Jetty" and no version; with the
     * shipped {@code webseed-requestlog} module the request log writes every request and no token.
     */
    @Test
    void hostileRequests_showNoStackOrVersion_andTheRequestLogMasksTokens() throws Exception {
        Path dir = workDir.getEmptyPathDir();
        Path films = Files.createDirectories(dir.resolve("films"));
        Files.writeString(films.resolve("free.txt"), "free");
        Path base = jettyBase(dir, "http,webseed,webseed-requestlog");
        Files.writeString(base.resolve("start.d/webseed.ini"), "webseed.contentRoot=" + films + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<String> start = List.of(ServerProcess.java(), "-jar", jettyHome().resolve("start.jar").toString(),
                "jetty.http.host=127.0.0.1", "jetty.http.port=0");
        List<String> problems = new ArrayList<>();
        try (ServerProcess jetty = ServerProcess.start(start, base, Map.of(), dir.resolve("jetty.log"))) {
            jetty.await(STARTED, Duration.ofSeconds(90));
            int port = Integer.parseInt(jetty.await(CONNECTOR, Duration.ofSeconds(5)).group(1));
            problems.addAll(HostileRequests.leaks(port, "jetty", "12.1", "eclipse"));
            String served = HostileRequests.send(port, "GET /seed/free.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(served, containsString("200 OK"));
            assertThat("stopped by PID", jetty.stop(Duration.ofSeconds(20)), is(true));
        }
        assertThat(String.join("\n\n", problems), problems, is(List.of()));
        List<String> lines = HostileRequests.logLines(base.resolve("logs"), name -> name.endsWith(".request.log"));
        assertThat("the request log has the requests", lines.size() >= 10, is(true));
        for (String line : lines) {
            assertThat(line, not(containsString("SECRET")));
        }
        assertThat(String.join("\n", lines), lines.stream().anyMatch(l -> l.contains("\"GET /seed/free.txt HTTP/1.1\" 200")),
                is(true));
        assertThat(String.join("\n", lines), lines.stream().anyMatch(l -> l.contains("/seed/t/***/missing.bin")),
                is(true));
    }

    static Path jettyHome() {
        return Path.of(System.getProperty("jetty.home", "target/dist/jetty-home"));
    }

    /** A fresh {@code $JETTY_BASE}: the overlay unpacked and {@code --add-modules=http,webseed} run. */
    static Path jettyBase(Path dir) throws Exception {
        return jettyBase(dir, "http,webseed");
    }

    static Path jettyBase(Path dir, String modules) throws Exception {
        Path overlay = Path.of(System.getProperty("webseed.overlay", "target/webseed-jetty-base.zip"));
        Path base = Files.createDirectories(dir.resolve("jetty-base"));
        unzip(overlay, base);
        try (ServerProcess add = ServerProcess.start(List.of(ServerProcess.java(), "-jar",
                jettyHome().resolve("start.jar").toString(), "--add-modules=" + modules), base, Map.of(),
                dir.resolve("add-modules.log"))) {
            assertThat("--add-modules exit code:\n" + add.tail(30), add.awaitExit(Duration.ofSeconds(60)), is(0));
        }
        return base;
    }

    private static void assertOverlayHasOnlyOurJars(Path lib) throws IOException {
        List<String> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat("lib/webseed: " + jars, jars.stream().map(n -> n.replaceAll("-[0-9].*", "")).toList(),
                hasItems("webseed-servlet", "webseed-jetty", "caffeine", "jackson-databind", "jackson-core", "jackson-annotations",
                        "bcprov-jdk18on"));
        assertThat("never Jetty's own jars", jars, everyItem(not(startsWith("jetty-"))));
        assertThat("never the servlet API (ee10-servlet provides it)", jars,
                everyItem(not(startsWith("jakarta.servlet"))));
        assertThat("never our test jar", jars, everyItem(not(containsString("tests"))));
    }

    private static void unzip(Path zip, Path target) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entries, out);
                    names.add(entry.getName());
                }
            }
        }
        assertThat("overlay entries " + names, names, hasItems("modules/webseed.mod", "etc/webseed.xml"));
    }
}
