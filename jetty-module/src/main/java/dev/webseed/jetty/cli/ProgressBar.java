package dev.webseed.jetty.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.webseed.publish.Progress;
import dev.webseed.publish.Publisher;

/**
 * A terminal progress bar. On a console it redraws one line with a carriage return
 * ({@code [##########----------]  50%  1.0 GiB of 2.0 GiB}); otherwise (a log file, a pipe, CI)
 * it prints a plain line at every 10%. Safe to call from many threads; cheap when nothing
 * visible changed.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean console;
    private final String label;
    private volatile int shown = -1; // permille on a console, percent otherwise
    private volatile long shownTotal = -1;
    private boolean finished;
    private String drawn = ""; // the bar's line as last drawn on a console

    /**
     * @param out     where to draw (usually standard error, so standard output stays clean)
     * @param console true to redraw in place; false for plain percentage lines
     * @param label   what is being done, e.g. {@code hashing film.mkv}
     */
    public ProgressBar(PrintStream out, boolean console, String label) {
        this.out = out;
        this.console = console;
        this.label = label;
    }

    /** True when standard error is an interactive terminal. */
    public static boolean stderrIsConsole(PrintStream err) {
        return err == System.err && System.console() != null;
    }

    /** Shows {@code done} of {@code total} bytes. */
    public void update(long done, long total) {
        int step = total <= 0 ? (console ? 1000 : 100)
                : (int) Math.min(console ? 1000 : 100, (console ? 1000 : 100) * done / total);
        if (!console) {
            step = step / 10 * 10;
        }
        if (!visible(step, total)) {
            return;
        }
        synchronized (this) {
            if (!visible(step, total) || finished) {
                return;
            }
            shown = step;
            shownTotal = total;
            if (console) {
                int filled = step * WIDTH / 1000;
                drawn = String.format(Locale.ROOT, "\r%s [%s%s] %3d%%  %s of %s ", label, "#".repeat(filled),
                        "-".repeat(WIDTH - filled), step / 10, Progress.human(done), Progress.human(total));
                out.print(drawn);
            } else {
                out.println(String.format(Locale.ROOT, "%s: %d%% (%s of %s)", label, step, Progress.human(done),
                        Progress.human(total)));
            }
            out.flush();
        }
    }

    /**
     * Follows a publisher's hashing (e.g. {@code prehash} at {@code serve} start-up) until every
     * publication queued now has finished, redrawing four times a second; draws nothing when there
     * was nothing to hash (everything came from the cache).
     */
    public void follow(Publisher publisher) throws InterruptedException {
        CompletableFuture<Void> idle = publisher.whenIdle();
        while (true) {
            Progress p = publisher.progress();
            if (p.bytesTotal() > 0) {
                update(p.bytesDone(), p.bytesTotal());
            }
            try {
                idle.get(250, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                // still hashing: redraw
            } catch (ExecutionException e) {
                break;
            }
        }
        Progress p = publisher.progress();
        if (p.bytesTotal() > 0) {
            update(p.bytesDone(), p.bytesTotal());
        }
        finish();
    }

    /** Forward progress, or more work added (the total grew): a new step, or done with the new total. */
    private boolean visible(int step, long total) {
        int max = console ? 1000 : 100;
        return step > shown || (total != shownTotal && (step != shown || step == max));
    }

    /**
     * Prints something else (a log line) on its own line while the bar is drawn: on a console the
     * bar's line is blanked first and the bar drawn again below what was printed, so a log line
     * never starts on the bar's line.
     */
    public synchronized void aside(Runnable print) {
        boolean onLine = console && !finished && !drawn.isEmpty();
        if (onLine) {
            out.print("\r" + " ".repeat(drawn.length() - 1) + "\r");
            out.flush();
        }
        print.run();
        if (onLine) {
            out.print(drawn);
            out.flush();
        }
    }

    /** Ends the bar (a newline on a console). */
    public synchronized void finish() {
        if (!finished && console && shown >= 0) {
            out.println();
        }
        finished = true;
    }
}
