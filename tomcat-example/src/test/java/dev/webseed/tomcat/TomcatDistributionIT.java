package dev.webseed.tomcat;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.testing.Downloads;
import dev.webseed.testing.HostileRequests;
import dev.webseed.testing.ServerProcess;

/**
 * The README's "Drop into Tomcat" steps on the real {@code org.apache.tomcat:tomcat} distribution
 * (unpacked by the build into {@code target/dist}, copied here so every run starts fresh):
 * {@code webapps/ROOT} replaced by our WAR as {@code ROOT.war}, {@code contentRoot} set in
 * {@code conf/Catalina/localhost/ROOT.xml}, {@code bin/catalina.sh run} as a separate process with
 * the shutdown and HTTP ports rewritten to free ones on 127.0.0.1. aria2 downloads through it
 * byte-exactly, with the tracker at {@code /announce}; the same WAR deployed a second time without
 * a contentRoot of its own fails with the message an operator reads in the console; Tomcat is
 * stopped by PID.
 */
@ExtendWith(WorkDirExtension.class)
final class TomcatDistributionIT {
    static final Pattern STARTED = Pattern.compile("Server startup in \\[?\\d+");
    static final String FILE = "sample film.bin";

    WorkDir workDir;

    @Test
    void rootWarOnCatalinaRun_servesAria2ByteExactly() throws Exception {
        Path dist = Path.of(System.getProperty("catalina.home.dist", "target/dist/apache-tomcat"));
        Path war = Path.of(System.getProperty("webseed.war", "target/webseed.war"));
        assertThat("Tomcat unpacked by the build: " + dist, Files.isRegularFile(dist.resolve("bin/catalina.sh")),
                is(true));
        assertThat("WAR built by the package phase: " + war, Files.isRegularFile(war), is(true));
        Path dir = workDir.getEmptyPathDir();
        Path films = dir.resolve("films");
        Path source = Downloads.content(films.resolve(FILE), 5 * 1024 * 1024 + 777, 11L);
        Path tomcat = copyTree(dist, dir.resolve(dist.getFileName()));

        // README: rm -rf webapps/ROOT && cp webseed.war webapps/ROOT.war
        Downloads.deleteTree(tomcat.resolve("webapps/ROOT"));
        Files.copy(war, tomcat.resolve("webapps/ROOT.war"));
        // README: conf/Catalina/localhost/ROOT.xml with <Parameter name="contentRoot" ... override="false"/>
        Path contexts = Files.createDirectories(tomcat.resolve("conf/Catalina/localhost"));
        Files.writeString(contexts.resolve("ROOT.xml"), rootXml(films.toString()), StandardCharsets.UTF_8);
        // Not in the README: the same WAR once more, left with its own contentRoot (/srv/webseed).
        Files.copy(war, tomcat.resolve("webapps/unconfigured.war"));
        int http = freePort();
        rewritePorts(tomcat.resolve("conf/server.xml"), freePort(), http);

        // README: bin/catalina.sh run
        Path log = dir.resolve("catalina.out");
        List<String> command = List.of(tomcat.resolve("bin/catalina.sh").toString(), "run");
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"),
                "CATALINA_HOME", tomcat.toString(), "CATALINA_BASE", tomcat.toString());
        try (ServerProcess catalina = ServerProcess.start(command, tomcat, env, log)) {
            catalina.await(STARTED, Duration.ofSeconds(120));
            URI root = URI.create("http://127.0.0.1:" + http + "/");

            byte[] torrent = Downloads.torrent(root.resolve("torrent/sample%20film.bin.torrent"),
                    Duration.ofSeconds(60));
            String text = new String(torrent, StandardCharsets.ISO_8859_1);
            assertThat("ROOT.war puts the tracker at /announce", text, containsString(root + "announce"));
            assertThat("url-list is this server's /seed/", text, containsString(root + "seed/"));
            assertThat("the tracker answers at /announce", new String(Downloads.get(root.resolve("announce"),
                    Map.of()).body(), StandardCharsets.UTF_8), containsString("failure reason"));

            Path torrentFile = Files.write(dir.resolve("sample.torrent"), torrent);
            Path downloads = dir.resolve("aria2");
            Downloads.aria2(torrentFile, downloads, Duration.ofSeconds(120));
            assertThat("SHA-256 of the download", Downloads.sha256(downloads.resolve(FILE)),
                    is(Downloads.sha256(source)));

            if (!Files.exists(Path.of("/srv/webseed"))) {
                assertThat("what the operator reads when contentRoot is not set", catalina.tail(400),
                        containsString("webseed not started: contentRoot /srv/webseed does not exist"));
            }
            assertThat("stopped by PID " + catalina.pid() + " within 20 s", catalina.stop(Duration.ofSeconds(20)),
                    is(true));
        }
    }

    /**
     * On the real Tomcat: with the shipped {@code webseed-host-valves.xml}
     * in {@code <Host>}, no answer (also to request lines Tomcat refuses before any servlet) shows a
     * stack trace or the version, and the access log writes every request and no token.
     */
    @Test
    void hostileRequests_showNoStackOrVersion_andTheAccessLogMasksTokens() throws Exception {
        Path dist = Path.of(System.getProperty("catalina.home.dist", "target/dist/apache-tomcat"));
        Path war = Path.of(System.getProperty("webseed.war", "target/webseed.war"));
        Path dir = workDir.getEmptyPathDir();
        Path films = Files.createDirectories(dir.resolve("films"));
        Files.writeString(films.resolve("free.txt"), "free");
        Path tomcat = copyTree(dist, dir.resolve(dist.getFileName()));
        Downloads.deleteTree(tomcat.resolve("webapps/ROOT"));
        Files.copy(war, tomcat.resolve("webapps/ROOT.war"));
        Path contexts = Files.createDirectories(tomcat.resolve("conf/Catalina/localhost"));
        Files.writeString(contexts.resolve("ROOT.xml"), rootXml(films.toString()), StandardCharsets.UTF_8);
        int http = freePort();
        rewritePorts(tomcat.resolve("conf/server.xml"), freePort(), http);
        installHostValves(tomcat.resolve("conf/server.xml"));

        Path log = dir.resolve("catalina.out");
        List<String> command = List.of(tomcat.resolve("bin/catalina.sh").toString(), "run");
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"),
                "CATALINA_HOME", tomcat.toString(), "CATALINA_BASE", tomcat.toString());
        List<String> problems = new java.util.ArrayList<>();
        try (ServerProcess catalina = ServerProcess.start(command, tomcat, env, log)) {
            catalina.await(STARTED, Duration.ofSeconds(120));
            problems.addAll(HostileRequests.leaks(http, "tomcat", "10.1", "11.0", "catalina", "coyote"));
            String served = HostileRequests.send(http, "GET /seed/free.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(served, containsString(" 200"));
            assertThat("stopped by PID", catalina.stop(Duration.ofSeconds(20)), is(true));
        }
        assertThat(String.join("\n\n", problems), problems, is(List.of()));
        List<String> lines = HostileRequests.logLines(tomcat.resolve("logs"), name -> name.startsWith("localhost_access_log"));
        assertThat("the access log has the requests", lines.size() >= 10, is(true));
        for (String line : lines) {
            assertThat(line, org.hamcrest.Matchers.not(containsString("SECRET")));
        }
        assertThat(String.join("\n", lines), lines.stream().anyMatch(l -> l.contains("\"GET /seed/free.txt HTTP/1.1\" 200")),
                is(true));
        assertThat(String.join("\n", lines), lines.stream().anyMatch(l -> l.contains("/seed/t/***/missing.bin")),
                is(true));
    }

    /** README: the shipped valves go inside {@code <Host>}, in place of the stock access log valve. */
    static void installHostValves(Path serverXml) throws IOException {
        String valves = Files.readString(Path.of("src", "main", "tomcat", "webseed-host-valves.xml"),
                StandardCharsets.UTF_8);
        String xml = Files.readString(serverXml, StandardCharsets.UTF_8);
        Pattern stock = Pattern.compile("<Valve className=\"org\\.apache\\.catalina\\.valves\\.AccessLogValve\"[^>]*/>");
        assertThat("stock server.xml has its access log valve", stock.matcher(xml).find(), is(true));
        Files.writeString(serverXml, stock.matcher(xml).replaceFirst(java.util.regex.Matcher.quoteReplacement(valves)),
                StandardCharsets.UTF_8);
    }

    /** The context XML of the README: the operator's contentRoot wins over the WAR's context-param. */
    static String rootXml(String contentRoot) {
        return "<Context>\n"
                + "  <Parameter name=\"contentRoot\" value=\"" + contentRoot + "\" override=\"false\"/>\n"
                + "</Context>\n";
    }

    /** Shutdown port and the HTTP connector (on 127.0.0.1) of the stock server.xml. */
    static void rewritePorts(Path serverXml, int shutdown, int http) throws IOException {
        String xml = Files.readString(serverXml, StandardCharsets.UTF_8);
        String server = "<Server port=\"8005\"";
        String connector = "<Connector port=\"8080\" protocol=\"HTTP/1.1\"";
        assertThat("stock server.xml", xml.contains(server) && xml.contains(connector), is(true));
        xml = xml.replace(server, "<Server port=\"" + shutdown + "\"").replaceFirst(Pattern.quote(connector),
                "<Connector address=\"127.0.0.1\" port=\"" + http + "\" protocol=\"HTTP/1.1\"");
        Files.writeString(serverXml, xml, StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
