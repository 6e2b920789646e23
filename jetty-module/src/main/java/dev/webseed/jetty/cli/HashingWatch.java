package dev.webseed.jetty.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.webseed.publish.Progress;
import dev.webseed.publish.Publication;
import dev.webseed.publish.Publisher;

/**
 * The hashing progress bar of {@code serve}: while the publisher hashes the content root at
 * start-up, a daemon thread draws {@link ProgressBar} from {@link Publisher#progress()}, then says
 * how many torrents are ready and which top-level entries were not published, and why.
 */
final class HashingWatch {
    private static final long POLL_MILLIS = 250;

    private HashingWatch() {
    }

    /** Starts watching on a daemon thread; returns at once. */
    static Thread start(Publisher publisher, PrintStream out, boolean console) {
        Thread thread = new Thread(() -> watch(publisher, out, console), "webseed-hashing-progress");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void watch(Publisher publisher, PrintStream out, boolean console) {
        ProgressBar bar = new ProgressBar(out, console, "Hashing");
        List<Handler> wrapped = console ? logAside(bar) : List.of();
        try {
            follow(publisher, out, bar);
        } finally {
            unwrap(wrapped);
        }
    }

    /**
     * While the bar is on a console, the root logger's handlers (JUL's console handler writes to
     * the same terminal) print through {@link ProgressBar#aside}; returns the replaced handlers.
     */
    static List<Handler> logAside(ProgressBar bar) {
        Logger root = Logger.getLogger("");
        List<Handler> original = List.of(root.getHandlers());
        for (Handler handler : original) {
            root.removeHandler(handler);
            root.addHandler(new AsideHandler(handler, bar));
        }
        return original;
    }

    private static void unwrap(List<Handler> original) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof AsideHandler) {
                root.removeHandler(handler);
            }
        }
        original.forEach(root::addHandler);
    }

    /** A handler that publishes through {@link ProgressBar#aside}. */
    private static final class AsideHandler extends Handler {
        private final Handler target;
        private final ProgressBar bar;

        AsideHandler(Handler target, ProgressBar bar) {
            this.target = target;
            this.bar = bar;
            setLevel(target.getLevel());
        }

        @Override
        public void publish(LogRecord record) {
            if (target.isLoggable(record)) {
                bar.aside(() -> {
                    target.publish(record);
                    target.flush();
                });
            }
        }

        @Override
        public void flush() {
            target.flush();
        }

        @Override
        public void close() {
            target.close();
        }
    }

    private static void follow(Publisher publisher, PrintStream out, ProgressBar bar) {
        try {
            while (true) {
                Progress progress = publisher.progress();
                if (progress.bytesTotal() > 0) {
                    bar.update(progress.bytesDone(), progress.bytesTotal());
                }
                try {
                    publisher.whenIdle().get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    // still hashing: draw again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | RuntimeException e) {
            bar.finish();
            out.println("Hashing stopped: " + e.getMessage());
            return;
        }
        Progress done = publisher.progress();
        if (done.bytesTotal() > 0) {
            bar.update(done.bytesTotal(), done.bytesTotal());
        }
        bar.finish();
        for (String line : summary(publisher.publications())) {
            out.println(line);
        }
        out.flush();
    }

    /** "Ready: 2 torrents" and one line per publication that was refused or failed. */
    static List<String> summary(Map<String, Publication> publications) {
        List<String> lines = new ArrayList<>();
        int ready = 0;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Publication> entry : publications.entrySet()) {
            Publication publication = entry.getValue();
            if (publication instanceof Publication.Ready) {
                ready++;
            } else if (publication instanceof Publication.Unpublishable refused) {
                problems.add("Not published: " + entry.getKey() + ": " + refused.reason());
            } else if (publication instanceof Publication.Failed failed) {
                problems.add("Not published: " + entry.getKey() + ": " + failed.reason());
            }
        }
        lines.add("Ready: " + ready + (ready == 1 ? " torrent" : " torrents"));
        lines.addAll(problems);
        return lines;
    }
}
