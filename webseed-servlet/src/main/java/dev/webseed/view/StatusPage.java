package dev.webseed.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code /status}: one static HTML page with its style and script inline, so it needs nothing from
 * another origin (origins often sit behind firewalls). The script polls {@code stats} (relative, so
 * it works under any context path) every 2 s and draws the charts as plain SVG polylines: a few
 * line charts do not justify a chart library (uPlot is ~50 kB, Chart.js ~200 kB, both a
 * dependency to keep current), and the whole page is under 10 kB.
 */
public final class StatusPage {
    private static final byte[] PAGE = load();

    private StatusPage() {
    }

    /** The page's bytes (UTF-8 HTML). */
    public static byte[] bytes() {
        return PAGE.clone();
    }

    private static byte[] load() {
        try (InputStream in = StatusPage.class.getResourceAsStream("status.html")) {
            if (in == null) {
                throw new IllegalStateException("status.html missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
