package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * W9: no request path returns a byte from outside the content root, the hash cache or a
 * hidden file. Jetty's own URI compliance rejects some paths before the servlet sees them; either
 * way the answer is a precise 400, 404 or 414 and carries none of the secret bytes.
 */
final class SeedHostilePathTest {
    private static final String SECRET = "TOP-SECRET-BYTES";

    @TempDir
    static Path base;
    private static SeedFixture seed;
    private static SeedFixture lenient;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createDirectories(base.resolve("root"));
        Files.writeString(base.resolve("outside.txt"), SECRET);
        Files.writeString(Files.createDirectories(root.resolve(".webseed")).resolve("cache.bin"), SECRET);
        Files.writeString(root.resolve(".secret"), SECRET);
        Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("out.txt"), base.resolve("outside.txt"));
        Files.createSymbolicLink(root.resolve("up"), base);
        seed = SeedFixture.start(root);
        lenient = SeedFixture.startLenient(root);
    }

    @AfterAll
    static void stop() throws Exception {
        seed.close();
        lenient.close();
    }

    static Stream<String> hostilePaths() {
        return Stream.of(
                "../outside.txt", "..%2Foutside.txt", "%2e%2e/outside.txt", "%2E%2E/outside.txt",
                "%2e%2e%2foutside.txt", "multi/../../outside.txt", "multi/%2e%2e/%2e%2e/outside.txt",
                "./../outside.txt", "..", "%2e%2e", ".%2e/outside.txt",
                "..%5coutside.txt", "..\\outside.txt", "%5c..%5coutside.txt",
                "data.bin%00", "data.bin%00.txt", "%00",
                ".webseed/cache.bin", "%2ewebseed/cache.bin", ".secret", "%2esecret", ".hidden",
                "passwd", "out.txt", "up/outside.txt", "up/root/data.bin/../../outside.txt",
                "multi%2f..%2f..%2foutside.txt", "multi%2F.hidden",
                "%c0%ae%c0%ae/outside.txt", "%ff", "%C3%28", "%e2%82", "%", "%4", "%zz",
                "x".repeat(5000), ("a/".repeat(3000)) + "data.bin",
                // folders have no bytes: multi/ holds several files; a one-file folder is served only at
                // its url-list entry multi/sub/ and below it (SeedOneFileFolderTest), never without the /
                "", "/", "//data.bin", "multi//sub/nested%20file.bin", "multi/", "multi", "multi/sub",
                // below a one-file folder only its own file is named: other tails are no file
                "multi/sub/sub/other.bin", "multi/sub/sub/..%2f..%2f..%2foutside.txt", "multi/sub/sub/.hidden");
    }

    @ParameterizedTest(name = "GET /ctx/seed/{0}")
    @MethodSource("hostilePaths")
    void hostilePath_neverServesABytePastTheRoot(String path) throws Exception {
        check(seed, "jetty", path);
    }

    @ParameterizedTest(name = "lenient container: GET /ctx/seed/{0}")
    @MethodSource("hostilePaths")
    void hostilePath_withContainerChecksOff_theServletStillRefuses(String path) throws Exception {
        check(lenient, "lenient", path);
    }

    private static void check(SeedFixture server, String label, String path) throws Exception {
        HttpTester.Response response = server.get(path);
        String body = new String(response.getContentBytes(), StandardCharsets.ISO_8859_1);
        String where = path + "\n" + response + body;
        assertThat(where, response.getStatus(), anyOf(is(400), is(404), is(414)));
        assertThat(where, body.contains(SECRET), is(false));
        assertThat(where, body.contains("root:"), is(false));
        System.out.println(label + " " + response.getStatus() + " " + (body.startsWith("4") ? "servlet" : "container")
                + " " + (path.length() > 40 ? path.substring(0, 40) + "..." : path) + " " + body.trim());
    }
}
