package dev.webseed.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Requests a container may refuse before any servlet runs, and what no answer may contain:
 * no stack trace, no server name or version. The same corpus runs against the
 * embedded server, the real Tomcat and the real Jetty distribution. Every request target carries
 * {@link #TOKEN}, so an access log can be checked for it afterwards.
 */
public final class HostileRequests {
    /** A token-shaped secret; no log line may contain {@code SECRET}. */
    public static final String TOKEN = "AAAAtokenSECRETpart.payload-SECRET.signatureSECRET";

    private HostileRequests() {
    }

    /** Raw requests, each on its own connection. */
    public static List<String> corpus() {
        String t = "/seed/t/" + TOKEN;
        List<String> raw = new ArrayList<>();
        for (String target : List.of(
                t + "/free\\..\\..\\canary.txt",          // backslashes: Tomcat refuses the request line
                t + "/%2e%2e/%2e%2e/etc/passwd",
                t + "/a%2Fb",
                t + "/%ZZ",
                t + "/x%00y",
                t + "/a%5c..%5c..%5cb",
                t + "/<script>",
                t + "/a b",
                "/torrent/t/" + TOKEN + "/x|y.torrent",
                "/announce?info_hash=%ZZ&token=" + TOKEN,
                "/nope/t/" + TOKEN,
                "/seed/t/" + TOKEN + "/",
                "/seed/t/" + TOKEN + "/missing.bin")) {
            raw.add("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        }
        raw.add("GET " + t + "/x HTTP/9.9\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        raw.add("GET " + t + "/x HTTP/1.1\r\nConnection: close\r\n\r\n");                   // no Host
        raw.add("GET " + t + "/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + "a".repeat(70_000) + "\r\n\r\n");
        raw.add("POST " + t + "/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\nConnection: close\r\n\r\n");
        raw.add("G\u0001T " + t + "/x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        raw.add("GET http://[::1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        raw.add("GARBAGE\r\n\r\n");
        return raw;
    }

    /** Sends one raw request and returns the whole answer (headers and body) as ISO-8859-1 text. */
    public static String send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what came until the server closed or went quiet is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Sends the whole corpus and returns one line per answer that leaks ({@link #leak}), with the
     * request line and the start of the answer; empty when every answer is clean.
     */
    public static List<String> leaks(int port, String... serverWords) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String request : corpus()) {
            String answer = send(port, request);
            String leak = leak(answer, serverWords);
            if (leak != null) {
                problems.add(leak + " in the answer to " + request.lines().findFirst().orElse("")
                        .replaceAll("(.{160}).*", "$1...") + ":\n" + answer.replaceAll("(?s)(.{1500}).*", "$1..."));
            }
        }
        return problems;
    }

    /** The log lines of the files in {@code dir} whose name matches, for checking them for {@code SECRET}. */
    public static List<String> logLines(Path dir, Predicate<String> name)
            throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> name.test(f.getFileName().toString())).toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    /** The problem with an answer, or null: a stack trace, a server name or version, an exception name. */
    public static String leak(String answer, String... serverWords) {
        String lower = answer.toLowerCase(Locale.ROOT);
        if (answer.contains("\tat ") || answer.contains("at org.") || answer.contains("at java.")) {
            return "a stack trace";
        }
        if (lower.contains("exception")) {
            return "an exception name";
        }
        if (lower.contains("\nserver:")) {
            return "a Server header";
        }
        for (String word : serverWords) {
            if (lower.contains(word.toLowerCase(Locale.ROOT))) {
                return "'" + word + "'";
            }
        }
        return null;
    }
}
