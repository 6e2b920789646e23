package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.stats.Outcome;
import dev.webseed.stats.StatsSnapshot;

/**
 * W15 over a real loopback socket: a client that resets the connection mid-body is
 * counted as an aborted response, the bytes counted are those written before the abort (fewer than
 * the file), the servlet throws nothing to the container and the abort is logged at DEBUG only.
 */
final class SeedAbortTest {
    private static final long BIG = 256L << 20;

    @TempDir
    Path root;

    @Test
    void w15_abortedResponseIsCountedQuietly() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
            big.setLength(BIG); // sparse: instant to create, reads as zeros
        }
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger webseedLogger = Logger.getLogger("dev.webseed");
        Level oldLevel = webseedLogger.getLevel();
        webseedLogger.setLevel(Level.FINE);
        capture.setLevel(Level.ALL);
        webseedLogger.addHandler(capture);

        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Filter watch = (request, response, chain) -> {
            try {
                chain.doFilter(request, response);
            } catch (Throwable t) {
                thrown.set(t);
                throw t;
            } finally {
                done.countDown();
            }
        };
        SeedFixture seed = SeedFixture.create(root, Map.of());
        ServerConnector socket = seed.addLoopbackConnector();
        seed.context.addFilter(watch, "/seed/*", EnumSet.of(DispatcherType.REQUEST));
        try {
            seed.server.start();
            StatsSnapshot before = seed.stats();
            long received = 0;
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress("127.0.0.1", socket.getLocalPort()), 10_000);
                client.setSoTimeout(30_000);
                OutputStream out = client.getOutputStream();
                out.write(("GET /ctx/seed/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = client.getInputStream();
                byte[] buffer = new byte[8192];
                while (received < (1 << 20)) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    received += n;
                }
                client.setSoLinger(true, 0); // close with a reset, as a client cancelling a piece does
            }
            assertThat("the servlet finished", done.await(60, TimeUnit.SECONDS), is(true));
            StatsSnapshot delta = seed.stats().minus(before);
            System.out.println("abort: client read " + received + " bytes, server counted " + delta.bytesWritten()
                    + " of " + BIG + ", aborted=" + delta.abortedResponses());

            assertThat(delta.toString(), thrown.get(), nullValue());
            assertThat(delta.toString(), delta.requests(Outcome.PARTIAL), is(1L));
            assertThat(delta.toString(), delta.abortedResponses(), is(1L));
            assertThat(delta.toString(), delta.bytesWritten(), lessThan(BIG));
            assertThat(delta.toString(), delta.bytesWritten(), greaterThan(received - 1024));
            List<String> warnings = logged.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(r -> r.getLevel() + " " + r.getMessage()).toList();
            assertThat("no warning or error: " + warnings, warnings.isEmpty(), is(true));
            assertThat("the abort is logged at DEBUG", logged.stream()
                    .anyMatch(r -> r.getMessage().contains("client went away")), is(true));
        } finally {
            webseedLogger.removeHandler(capture);
            webseedLogger.setLevel(oldLevel);
            seed.close();
        }
    }
}
