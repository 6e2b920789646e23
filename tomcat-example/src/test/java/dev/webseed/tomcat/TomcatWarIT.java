package dev.webseed.tomcat;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.descriptor.web.ApplicationParameter;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.testing.Downloads;

/**
 * The built WAR's real {@code WEB-INF/web.xml} on embedded Tomcat (10.1 in one failsafe
 * execution, 11.0 in the other, with the WAR's own {@code WEB-INF/lib}): the context parameter
 * {@code contentRoot} given as a Tomcat {@code <Parameter override="false">} wins over the WAR's
 * {@code <context-param>}, a range is served 206 byte-exactly, the {@code .torrent} names this
 * context's {@code /seed/} and {@code /announce}, and a context left with the WAR's default
 * {@code contentRoot} (which does not exist) fails to start instead of coming up half-working.
 */
@ExtendWith(WorkDirExtension.class)
final class TomcatWarIT {
    WorkDir workDir;

    @Test
    void realWebXml_servesRangeAndTorrent_parameterOverridesContextParam() throws Exception {
        String expected = System.getProperty("tomcat.expectedVersion", "");
        assertThat("the Tomcat this execution runs", ServerInfo.getServerNumber(), startsWith(expected));
        Path exploded = Path.of(System.getProperty("webseed.explodedWar", "target/webseed"));
        assertThat("exploded WAR built by the package phase: " + exploded,
                Files.isRegularFile(exploded.resolve("WEB-INF/web.xml")), is(true));
        Path dir = workDir.getEmptyPathDir();
        Path films = dir.resolve("films");
        Path source = Downloads.content(films.resolve("film.bin"), 300_000, 7L);

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.setAddDefaultWebXmlToWebapp(false);   // no default/JSP servlets: only the WAR's web.xml
        // Under a context path, as /ctx: the tracker follows it to /ctx/announce (the LAN caveat).
        Context films1 = tomcat.addWebapp("/films", exploded.toString());
        films1.addApplicationParameter(parameter("contentRoot", films.toString()));
        Context broken = tomcat.addWebapp("/broken", exploded.toString());
        try {
            tomcat.start();
            URI base = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/films/");
            assertThat("the context with the override started", films1.getState(), is(LifecycleState.STARTED));
            assertThat("the WAR's own contentRoot (/srv/webseed) does not exist here: no half-working start",
                    broken.getState().isAvailable(), is(false));

            HttpResponse<byte[]> range = Downloads.get(base.resolve("seed/film.bin"),
                    Map.of("Range", "bytes=1000-1999"));
            assertThat("range status", range.statusCode(), is(206));
            assertThat("Content-Range", range.headers().firstValue("Content-Range").orElse(""),
                    is("bytes 1000-1999/300000"));
            byte[] all = Files.readAllBytes(source);
            assertThat("the range's bytes", Arrays.equals(range.body(), Arrays.copyOfRange(all, 1000, 2000)),
                    is(true));

            byte[] torrent = Downloads.torrent(base.resolve("torrent/film.bin.torrent"),
                    java.time.Duration.ofSeconds(30));
            String text = new String(torrent, StandardCharsets.ISO_8859_1);
            assertThat("url-list is this context's /seed/", text, containsString(base + "seed/"));
            assertThat("the tracker is under the context path", text, containsString(base + "announce"));
            assertThat("the tracker answers there", new String(Downloads.get(base.resolve("announce"), Map.of())
                    .body(), StandardCharsets.UTF_8), containsString("failure reason"));
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /**
     * Stopping the context while the publisher hashes leaves no thread behind
     * ("failed to stop thread [webseed-publisher]"). Large sparse files and 64 MiB pieces keep the
     * hashing threads busy at the moment of the stop; after it, no webseed thread is alive and
     * Tomcat's own leak check logged nothing about one.
     */
    @Test
    void stoppingTheContextWhileHashingStopsAndJoinsEveryThread() throws Exception {
        Path exploded = Path.of(System.getProperty("webseed.explodedWar", "target/webseed"));
        Path dir = workDir.getEmptyPathDir();
        Path films = Files.createDirectories(dir.resolve("films"));
        for (int i = 0; i < 4; i++) {
            try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(films.resolve("big" + i + ".bin")
                    .toFile(), "rw")) {
                sparse.setLength(4L << 30);
            }
        }
        List<String> leaks = new CopyOnWriteArrayList<>();
        Handler leakLog = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String text = new java.util.logging.SimpleFormatter().formatMessage(record);
                if (text.contains("webseed-")) {
                    leaks.add(text);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger catalina = Logger.getLogger("org.apache.catalina");
        catalina.addHandler(leakLog);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp("/films", exploded.toString());
        context.addApplicationParameter(parameter("contentRoot", films.toString()));
        context.addApplicationParameter(parameter("pieceLength", "64m"));
        context.addApplicationParameter(parameter("hashThreads", "2"));
        try {
            tomcat.start();
            assertThat(context.getState(), is(LifecycleState.STARTED));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (webseedThreads().stream().noneMatch(n -> n.startsWith("webseed-hash-"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat("hashing is under way when the context stops", webseedThreads().stream()
                    .anyMatch(n -> n.startsWith("webseed-hash-")), is(true));
            context.stop();
            assertThat("no webseed thread outlives the context", webseedThreads(), is(List.of()));
            assertThat("Tomcat found no thread left running", leaks, is(List.of()));
        } finally {
            catalina.removeHandler(leakLog);
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private static List<String> webseedThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("webseed-")).sorted().toList();
    }

    /** What {@code <Parameter name=... value=... override="false"/>} in a context XML creates. */
    static ApplicationParameter parameter(String name, String value) {
        ApplicationParameter parameter = new ApplicationParameter();
        parameter.setName(name);
        parameter.setValue(value);
        parameter.setOverride(false);
        return parameter;
    }
}
