package dev.webseed.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code /usr/bin/chromium} in headless mode, one process per page: {@code --dump-dom}
 * for the DOM after the page's scripts ran, {@code --screenshot} for a PNG. {@code
 * --virtual-time-budget} lets the page's timers run (virtual time waits for the network, so a
 * page that polls gets its answers). No network but loopback, no profile of the user's (a fresh
 * {@code --user-data-dir}); the process and its children are stopped by PID. Gated like every real
 * client through {@link Interop}.
 */
public final class HeadlessChromium {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private final Path executable;
    private final Path workDir;
    private int runs;

    private HeadlessChromium(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /** Chromium, or a skip/fail through {@link Interop} when it is not installed. */
    public static HeadlessChromium require(Path workDir) {
        return new HeadlessChromium(Interop.require("/usr/bin/chromium", "apt-get install chromium"), workDir);
    }

    /** The serialised DOM once {@code virtualTime} of the page's timers has run. */
    public String dumpDom(URI page, Duration virtualTime) throws IOException, InterruptedException {
        Path out = run(page, virtualTime, List.of("--dump-dom"));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A PNG of the page at {@code width} x {@code height} CSS pixels after {@code virtualTime}. */
    public void screenshot(URI page, Duration virtualTime, Path png, int width, int height)
            throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(page, virtualTime, List.of("--screenshot=" + png.toAbsolutePath(), "--hide-scrollbars",
                "--window-size=" + width + "," + height));
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("chromium wrote no screenshot " + png);
        }
    }

    /**
     * A PNG of the page after {@code wait} of real time, so a page that polls draws its charts
     * from real history: Chromium is driven over the DevTools protocol ({@code Page.navigate},
     * then {@code Page.captureScreenshot}) on a loopback debugging port it picks itself.
     */
    public void liveScreenshot(URI page, Duration wait, Path png, int width, int height) throws Exception {
        int run = ++runs;
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile-" + run));
        Path err = workDir.resolve("chromium-" + run + ".log");
        Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--window-size=" + width + "," + height, "about:blank")
                .directory(workDir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, DevTools.screenshot(profile, page, wait, DEADLINE));
        } finally {
            stop(process);
        }
    }

    private Path run(URI page, Duration virtualTime, List<String> action) throws IOException, InterruptedException {
        int run = ++runs;
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile-" + run));
        Path out = workDir.resolve("chromium-" + run + ".out");
        Path err = workDir.resolve("chromium-" + run + ".log");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + virtualTime.toMillis()));
        command.addAll(action);
        command.add(page.toString());
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("chromium did not finish " + page + " within " + DEADLINE.toSeconds()
                        + " s:\n" + ServerProcess.tail(err, 20));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + process.exitValue() + ":\n"
                        + ServerProcess.tail(err, 20));
            }
        } finally {
            stop(process);
        }
        return out;
    }

    /** Ends the browser and the processes it started, by PID: TERM, then KILL after 5 s. */
    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
