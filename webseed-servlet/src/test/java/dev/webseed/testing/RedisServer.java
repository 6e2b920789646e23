package dev.webseed.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Debian {@code redis-server} for a test class: started on a free loopback port in a
 * temporary folder (no persistence: {@code --save ''}, {@code --appendonly no}), stopped by PID.
 * Register it with {@code @RegisterExtension static final RedisServer REDIS = new RedisServer();}.
 *
 * <p>A missing {@code redis-server} follows the interop gate ({@link Interop}): skipped with a
 * message under {@code auto}, a failure under {@code -Dwebseed.interop=required}.</p>
 *
 * <p>{@link #kill()} and {@link #restart()} let a test take Redis away and bring it back on the
 * same port, empty, as after a crash without persistence.</p>
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {
    private static final Pattern READY = Pattern.compile("Ready to accept connections");
    private Path executable;
    private Path dir;
    private int port;
    private ServerProcess process;
    private int starts;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        executable = Interop.find("/usr/bin/redis-server").or(() -> Interop.find("redis-server"))
                .orElseGet(() -> Interop.missing("redis-server (the several-servers tests share a real Redis)"));
        if (Interop.mode().equals("off")) {
            Interop.missing("interop tests are off");
        }
        dir = Files.createTempDirectory("webseed-redis");
        port = LoopbackPorts.free();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.stop(Duration.ofSeconds(10));
            process = null;
        }
        if (dir != null) {
            Downloads.deleteTree(dir);
        }
    }

    /** {@code redis://127.0.0.1:port/0}. */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public int port() {
        return port;
    }

    /** SIGKILL, as a crash: nothing is saved. */
    public void kill() throws InterruptedException {
        process.stop(Duration.ZERO);
        process = null;
    }

    /** Starts it again on the same port, empty. */
    public void restart() throws IOException, InterruptedException {
        if (process != null) {
            kill();
        }
        start();
    }

    private void start() throws IOException, InterruptedException {
        Path log = dir.resolve("redis-" + (++starts) + ".log");
        process = ServerProcess.start(List.of(executable.toString(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no"),
                dir, Map.of(), log);
        process.await(READY, Duration.ofSeconds(20));
    }
}
