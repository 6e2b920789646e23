package dev.webseed.tomcat;

import static dev.webseed.tomcat.TomcatDistributionIT.copyTree;
import static dev.webseed.tomcat.TomcatDistributionIT.freePort;
import static dev.webseed.tomcat.TomcatDistributionIT.rewritePorts;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.webseed.testing.Downloads;
import dev.webseed.testing.Interop;
import dev.webseed.testing.RedisServer;
import dev.webseed.testing.ServerProcess;

/**
 * README "Several servers", Tomcat: the WAR with the webseed-redis jar, the jars of
 * {@code webseed-redis/target/redis-lib/} and slf4j-api ({@code webseed-redis/target/slf4j/}) added
 * to its {@code WEB-INF/lib}, {@code redisUrl} set in {@code conf/Catalina/localhost/ROOT.xml}, on
 * the real Tomcat distribution ({@code catalina.sh run}) and a real redis-server. It starts and stops
 * without a SEVERE line, and its tracker's swarm is in Redis: the peers announced on Tomcat are under the
 * key prefix there, and once Redis forgets them, so does Tomcat's scrape.
 */
@ExtendWith(WorkDirExtension.class)
final class TomcatRedisIT {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final String PREFIX = "tomcat:";
    private static final Pattern BTIH = Pattern.compile("btih:([0-9a-fA-F]{40})");

    WorkDir workDir;

    @Test
    void warWithTheRedisModule_keepsItsSwarmInRedis() throws Exception {
        Path dist = Path.of(System.getProperty("catalina.home.dist", "target/dist/apache-tomcat"));
        Path war = Path.of(System.getProperty("webseed.war", "target/webseed.war"));
        Path redisTarget = Path.of(System.getProperty("webseed.redisTarget", "../webseed-redis/target"));
        Path redisCli = Interop.require("redis-cli", "reads what Tomcat stored in Redis");
        assertThat("Tomcat unpacked by the build: " + dist, Files.isRegularFile(dist.resolve("bin/catalina.sh")),
                is(true));
        // README: webseed-redis/target/webseed-redis-*.jar and webseed-redis/target/redis-lib/, plus slf4j-api
        List<Path> jars = new ArrayList<>(jars(redisTarget, "webseed-redis-*.jar"));
        jars.removeIf(jar -> jar.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar"));
        assertThat("the module's jar, built by its package phase: " + jars, jars.size(), is(1));
        jars.addAll(jars(redisTarget.resolve("redis-lib"), "*.jar"));
        List<Path> slf4j = jars(redisTarget.resolve("slf4j"), "slf4j-api-*.jar");
        assertThat("slf4j-api beside redis-lib/", slf4j.size(), is(1));
        jars.addAll(slf4j);

        Path dir = workDir.getEmptyPathDir();
        Path films = dir.resolve("films");
        Downloads.content(films.resolve("film.bin"), 100_000, 5L);
        Path tomcat = copyTree(dist, dir.resolve(dist.getFileName()));
        Downloads.deleteTree(tomcat.resolve("webapps/ROOT"));
        List<String> added = withLibraries(war, jars, tomcat.resolve("webapps/ROOT.war"));
        assertThat(added, hasItem(containsString("lettuce-core")));
        Path contexts = Files.createDirectories(tomcat.resolve("conf/Catalina/localhost"));
        Files.writeString(contexts.resolve("ROOT.xml"), "<Context>\n"
                + "  <Parameter name=\"contentRoot\" value=\"" + films + "\" override=\"false\"/>\n"
                + "  <Parameter name=\"redisUrl\" value=\"" + REDIS.url() + "\" override=\"false\"/>\n"
                + "  <Parameter name=\"redisKeyPrefix\" value=\"" + PREFIX + "\" override=\"false\"/>\n"
                + "  <Parameter name=\"allowIpParameter\" value=\"true\" override=\"false\"/>\n"
                + "</Context>\n", StandardCharsets.UTF_8);
        int http = freePort();
        rewritePorts(tomcat.resolve("conf/server.xml"), freePort(), http);

        Path log = dir.resolve("catalina.out");
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"),
                "CATALINA_HOME", tomcat.toString(), "CATALINA_BASE", tomcat.toString());
        try (ServerProcess catalina = ServerProcess.start(List.of(tomcat.resolve("bin/catalina.sh").toString(), "run"),
                tomcat, env, log)) {
            catalina.await(TomcatDistributionIT.STARTED, Duration.ofSeconds(120));
            URI root = URI.create("http://127.0.0.1:" + http + "/");
            String magnet = new String(Downloads.torrent(root.resolve("torrent/film.bin.magnet"), Duration.ofSeconds(60)),
                    StandardCharsets.UTF_8);
            Matcher btih = BTIH.matcher(magnet);
            assertThat(magnet, btih.find(), is(true));
            String hash = btih.group(1).toLowerCase(java.util.Locale.ROOT);

            assertThat(announce(root, hash, 1, "10.0.0.1"), containsString("10:incompletei1e"));
            String second = announce(root, hash, 2, "10.0.0.2");
            assertThat("the first peer is handed to the second", second, containsString("5:peers6:"));
            assertThat("the swarm is in Redis under the prefix", redis(redisCli, "KEYS", PREFIX + "*"),
                    hasItem(containsString(hash)));
            assertThat("Tomcat's scrape", scrape(root, hash), containsString("10:incompletei2e"));
            redis(redisCli, "FLUSHDB");
            assertThat("Redis forgot the swarm: so did Tomcat (nothing kept in its memory)", scrape(root, hash),
                    containsString("10:incompletei0e"));

            assertThat(catalina.tail(2000), containsString("webseed serving " + films));
            assertThat("stopped by PID " + catalina.pid(), catalina.stop(Duration.ofSeconds(20)), is(true));
            assertThat("started and stopped without errors (no leak reported either)", catalina.tail(5000),
                    not(containsString("SEVERE")));
        }
    }

    private static String announce(URI root, String hash, int peer, String ip) throws Exception {
        String query = "info_hash=" + escape(hash) + "&peer_id=-WS0001-" + String.format("%012d", peer)
                + "&port=6881&uploaded=0&downloaded=0&left=1000&compact=1&ip=" + ip;
        String body = new String(Downloads.get(root.resolve("announce?" + query), Map.of()).body(),
                StandardCharsets.ISO_8859_1);
        assertThat(body, not(containsString("failure reason")));
        return body;
    }

    private static String scrape(URI root, String hash) throws Exception {
        return new String(Downloads.get(root.resolve("scrape?info_hash=" + escape(hash)), Map.of()).body(),
                StandardCharsets.ISO_8859_1);
    }

    private static String escape(String hex) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            out.append('%').append(hex, i, i + 2);
        }
        return out.toString();
    }

    /** Runs redis-cli against the test's Redis; its output lines. */
    private static List<String> redis(Path cli, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(cli.toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(REDIS.port())));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat("redis-cli ends", process.waitFor(30, TimeUnit.SECONDS), is(true));
        assertThat(output, process.exitValue(), is(0));
        return output.lines().toList();
    }

    private static List<Path> jars(Path dir, String glob) throws IOException {
        assertThat("built by webseed-redis's package phase: " + dir, Files.isDirectory(dir), is(true));
        List<Path> found = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(found::add);
        }
        return found;
    }

    /** README: the WAR, with these jars copied into its WEB-INF/lib. Returns the names added. */
    private static List<String> withLibraries(Path war, List<Path> jars, Path target) throws IOException {
        List<String> added = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            for (Path jar : jars) {
                String name = "WEB-INF/lib/" + jar.getFileName();
                out.putNextEntry(new ZipEntry(name));
                try (InputStream bytes = Files.newInputStream(jar)) {
                    bytes.transferTo(out);
                }
                out.closeEntry();
                added.add(name);
            }
        }
        return added;
    }
}
