package dev.webseed.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server distribution started as an operator starts it (Jetty's {@code start.jar}, Tomcat's
 * {@code catalina.sh run}): a separate process whose output goes to a log file, a bounded wait for
 * a start-up line, and a stop by PID (SIGTERM to the process and the children it started, SIGKILL
 * after a deadline). Never anything but the processes it started.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code dir} with extra environment variables. */
    public static ServerProcess start(List<String> command, Path dir, Map<String, String> env, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        return new ServerProcess(process, log);
    }

    /** The path of the current {@code java} executable. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits for the process to exit by itself; its exit code, or null when the deadline passed. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Waits (polling every 100 ms, at most {@code timeout}) until a line of {@code file} matches
     * {@code pattern}; returns the match.
     *
     * @throws AssertionError with the log's tail when the process exits or the deadline passes first
     */
    public Matcher await(Path file, Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines(file)) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no line matching " + pattern + " in " + file + " ("
                        + (process.isAlive() ? "timed out after " + timeout.toSeconds() + " s" : "process exited")
                        + "):\n" + tail(file, 40));
            }
            Thread.sleep(100);
        }
    }

    /** {@link #await(Path, Pattern, Duration)} on the process's own output. */
    public Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
        return await(log, pattern, timeout);
    }

    /** The last lines of a log file, for failure messages. */
    public static String tail(Path file, int count) {
        List<String> all = lines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
    }

    public String tail(int count) {
        return tail(log, count);
    }

    /**
     * Stops the server by PID: SIGTERM to it and its descendants, then SIGKILL to whatever is still
     * alive after {@code grace}.
     *
     * @return true when the server exited within the grace period
     */
    public boolean stop(Duration grace) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        boolean clean = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (!clean) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return clean;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(20));
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();   // a log that is being written can be read again on the next poll
        }
    }
}
