package dev.webseed.jetty.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

import org.junit.jupiter.api.Test;

/** On a terminal a log line never lands on the progress bar's line. */
final class ProgressBarTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** What a terminal shows: each line as left after its last carriage return. */
    List<String> screen() {
        return java.util.Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\n"))
                .map(line -> line.substring(line.lastIndexOf('\r') + 1)).toList();
    }

    @Test
    void somethingPrintedAsideGetsItsOwnLineAndTheBarComesBack() {
        ProgressBar bar = new ProgressBar(out, true, "Hashing");
        bar.update(50, 100);
        bar.aside(() -> out.println("WARNING: a log line"));
        List<String> screen = screen();
        assertThat(screen.get(0).strip(), is("WARNING: a log line"));
        assertThat(screen.get(1), startsWith("Hashing ["));
        assertThat(screen.get(1), endsWith("of 100 B "));
    }

    @Test
    void logRecordsGoAsideWhileTheWatchRuns() {
        Logger root = Logger.getLogger("");
        Handler[] before = root.getHandlers();
        for (Handler h : before) {
            root.removeHandler(h);
        }
        StreamHandler console = new StreamHandler(out, new SimpleFormatter());
        root.addHandler(console);
        try {
            ProgressBar bar = new ProgressBar(out, true, "Hashing");
            bar.update(10, 100);
            List<Handler> replaced = HashingWatch.logAside(bar);
            Logger.getLogger("dev.webseed.test").warning("a log line");
            bar.update(90, 100);
            for (Handler h : root.getHandlers()) {
                root.removeHandler(h);
            }
            replaced.forEach(root::addHandler);
            List<String> screen = screen();
            assertThat(String.join("|", screen), screen.stream().anyMatch(l -> l.strip().startsWith("WARNING: a log line")),
                    is(true));
            assertThat("the bar is on its own line, not glued to the log", screen.stream()
                    .filter(l -> l.contains("Hashing [")).allMatch(l -> l.startsWith("Hashing [")), is(true));
        } finally {
            for (Handler h : root.getHandlers()) {
                root.removeHandler(h);
            }
            for (Handler h : before) {
                root.addHandler(h);
            }
        }
    }
}
