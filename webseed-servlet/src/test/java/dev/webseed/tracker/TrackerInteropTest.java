package dev.webseed.tracker;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.Webseed;
import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.servlet.TrackerServlet;
import dev.webseed.servlet.WebseedListener;
import dev.webseed.testing.Interop;

/**
 * Real clients find each other only through our tracker: a libtorrent session seeds a torrent
 * that has no url-list (tracker only; DHT, LSD, PEX, UPnP, NAT-PMP off) and Transmission leeches
 * it byte-exactly; then scrape reports the swarm, as fetched by Transmission's and libtorrent's
 * own scrape code from the URL each derives from {@code /announce}.
 */
final class TrackerInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(150);

    @TempDir
    Path dir;
    private Server server;
    private final List<Process> processes = new ArrayList<>();
    /** "servletPath user-agent" of every tracker request, in order. */
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void libtorrentSeeds_transmissionLeeches_onlyThroughOurTracker() throws Exception {
        Path python = Interop.require("/usr/bin/python3", "apt-get install python3-libtorrent");
        Path transmission = Interop.require("transmission-cli", "apt-get install transmission-cli");
        Path transmissionShow = Interop.require("transmission-show", "apt-get install transmission-cli");
        if (run(List.of(python.toString(), "-c", "import libtorrent"), Duration.ofSeconds(30)).exitValue() != 0) {
            Interop.missing("python3-libtorrent (import libtorrent failed)");
        }
        Path script = dir.resolve("tracker_libtorrent.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/tracker_libtorrent.py")) {
            Files.copy(in, script);
        }
        int port = startTracker();
        String announce = "http://127.0.0.1:" + port + "/announce";

        Path seedDir = Files.createDirectories(dir.resolve("seed"));
        byte[] content = new byte[3 * 1024 * 1024 + 12345];
        new Random(2026).nextBytes(content);
        Files.write(seedDir.resolve("film.bin"), content);
        Path torrent = dir.resolve("film.torrent");
        Process create = run(List.of(python.toString(), script.toString(), "create",
                seedDir.resolve("film.bin").toString(), announce, torrent.toString()), Duration.ofSeconds(60));
        assertThat("torrent created", create.exitValue(), is(0));
        BDict meta = (BDict) BencodeReader.decode(Files.readAllBytes(torrent));
        assertThat("announce is our tracker", meta.string("announce").orElseThrow().utf8(), is(announce));
        assertThat("no url-list: peers can only come from the tracker", meta.get("url-list").isPresent(), is(false));
        assertThat("no announce-list", meta.get("announce-list").isPresent(), is(false));
        InfoHash hash = InfoHash.ofInfo(BencodeReader.rawValue(Files.readAllBytes(torrent), "info"));

        Path config = Files.createDirectories(dir.resolve("transmission"));
        Files.writeString(config.resolve("settings.json"), """
                {"dht-enabled": false, "lpd-enabled": false, "pex-enabled": false, "utp-enabled": false,
                 "port-forwarding-enabled": false, "bind-address-ipv4": "127.0.0.1", "bind-address-ipv6": "::1",
                 "blocklist-enabled": false, "rpc-enabled": false}
                """);
        Path download = Files.createDirectories(dir.resolve("download"));
        start(List.of(transmission.toString(), "-g", config.toString(), "-w", download.toString(), "-p",
                Integer.toString(freePort()), torrent.toString()), "transmission");
        await("Transmission announced as a leecher", () -> counts(hash).incomplete() == 1);
        // Transmission 3.00 drops tracker peers in 127.0.0.0/8 (its "martian" address filter), so on
        // loopback the seed must dial the leecher: libtorrent starts second and learns about
        // Transmission from its first announce (libtorrent re-announces only every 5 min at best)
        start(List.of(python.toString(), script.toString(), "seed", torrent.toString(), seedDir.toString(), "200"),
                "seeder");
        await("libtorrent announced as a seed", () -> counts(hash).complete() == 1);

        Path leeched = download.resolve("film.bin");
        String expected = sha256(content);
        await("Transmission completed the download", () -> Files.isRegularFile(leeched)
                && sizeOf(leeched) == content.length && expected.equals(sha256(leeched)));
        assertThat("byte-exact (SHA-256)", sha256(leeched), is(expected));
        await("Transmission announced completed", () -> counts(hash).downloaded() == 1
                && counts(hash).complete() == 2);

        BDict scrape = httpScrape(port, hash);
        BDict files = scrape.dict("files").orElseThrow();
        BDict entry = (BDict) files.entries().values().iterator().next();
        assertThat("scrape complete", entry.integer("complete").orElseThrow(), is(2L));
        assertThat("scrape incomplete", entry.integer("incomplete").orElseThrow(), is(0L));
        assertThat("scrape downloaded", entry.integer("downloaded").orElseThrow(), is(1L));

        // Transmission's own scrape code, on the URL it derives (last path segment "announce")
        Process show = run(List.of(transmissionShow.toString(), "--scrape", torrent.toString()),
                Duration.ofSeconds(60));
        String shown = new String(show.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat("transmission-show scrape", shown, containsString("/scrape?info_hash="));
        assertThat("transmission-show counts", shown, containsString("2 seeders, 0 leechers"));
        // libtorrent's own scrape code: it replaces "announce" with "scrape"
        Process ltScrape = run(List.of(python.toString(), script.toString(), "scrape", torrent.toString(), "30"),
                Duration.ofSeconds(60));
        String lt = new String(ltScrape.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat("libtorrent scrape reply", lt, containsString("scrape_reply complete=2 incomplete=0"));

        List<String> seen = List.copyOf(requests);
        assertThat("libtorrent announced", seen.stream().anyMatch(r -> r.startsWith("/announce libtorrent/")),
                is(true));
        assertThat("Transmission announced", seen.stream().anyMatch(r -> r.startsWith("/announce Transmission/")),
                is(true));
        assertThat("Transmission derived /scrape", seen.stream().anyMatch(r -> r.startsWith("/scrape transmission")),
                is(true));
        assertThat("libtorrent derived /scrape", seen.stream().anyMatch(r -> r.startsWith("/scrape libtorrent/")),
                is(true));
        assertThat("every request hit one of the two paths", seen.stream()
                .map(r -> r.substring(0, r.indexOf(' '))).distinct().sorted().toList(),
                is(List.of("/announce", "/scrape")));
        System.out.println("tracker interop requests: " + seen.size() + " " + summary(seen));
    }

    private static String summary(List<String> seen) {
        return seen.stream().collect(java.util.stream.Collectors.groupingBy(r -> r, java.util.TreeMap::new,
                java.util.stream.Collectors.counting())).toString();
    }

    private int startTracker() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setInitParameter("contentRoot", Files.createDirectories(dir.resolve("content")).toString());
        context.setInitParameter("trackerOpen", "true");
        context.setInitParameter("announceInterval", "10s"); // clients come back quickly
        context.setInitParameter("announceMinInterval", "2s");
        context.addEventListener(new WebseedListener());
        Filter recorder = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            requests.add(http.getServletPath() + " " + http.getHeader("User-Agent"));
            chain.doFilter(request, response);
        };
        context.addFilter(new FilterHolder(recorder), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(TrackerServlet.class, "/announce");
        context.addServlet(TrackerServlet.class, "/scrape");
        server.setHandler(context);
        server.start();
        this.context = context;
        return connector.getLocalPort();
    }

    private ServletContextHandler context;

    private SwarmCounts counts(InfoHash hash) {
        Webseed webseed = (Webseed) context.getServletContext().getAttribute(Webseed.ATTRIBUTE);
        return webseed.tracker().orElseThrow().counts(hash);
    }

    private BDict httpScrape(int port, InfoHash hash) throws IOException, InterruptedException {
        StringBuilder escaped = new StringBuilder();
        for (byte b : hash.bytes()) {
            escaped.append('%').append(String.format("%02x", b & 0xff));
        }
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/scrape?info_hash=" + escaped))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat("scrape status", response.statusCode(), is(200));
        return (BDict) BencodeReader.decode(response.body());
    }

    private void start(List<String> command, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        processes.add(builder.start());
    }

    private Process run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(p);
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return p;
    }

    /** Polls a condition of real processes (not of our own clock), bounded by {@link #WAIT}. */
    private void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what + "; requests " + summary(List.copyOf(requests))
                        + "\nseeder: " + tail("seeder.log") + "\ntransmission: " + tail("transmission.log"));
            }
            Thread.sleep(250);
        }
    }

    private String tail(String log) {
        try {
            String text = Files.readString(dir.resolve(log), StandardCharsets.ISO_8859_1);
            return text.substring(Math.max(0, text.length() - 1500));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String sha256(Path p) {
        try {
            return sha256(Files.readAllBytes(p));
        } catch (Exception e) {
            return "";
        }
    }
}
