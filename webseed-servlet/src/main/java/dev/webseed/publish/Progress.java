package dev.webseed.publish;

import java.util.Locale;

/**
 * Hashing progress of a {@link Publisher} since it started, for a progress bar or the stats page.
 * The byte counts only grow: every hashing run adds its size to {@code bytesTotal} when it starts
 * (a run that is abandoned takes its unhashed rest back out), so {@code bytesDone / bytesTotal}
 * moves forward and equals 1 when nothing is left to hash. Torrents reused from the cache add
 * nothing.
 *
 * @param bytesDone       bytes hashed
 * @param bytesTotal      bytes hashed or still to hash
 * @param torrentsHashing publications queued or hashing now
 * @param torrentsReady   torrents published now
 */
public record Progress(long bytesDone, long bytesTotal, int torrentsHashing, int torrentsReady) {
    /** Fraction done, 0 to 1 (1 when there was nothing to hash). */
    public double fraction() {
        return bytesTotal <= 0 ? 1.0 : Math.min(1.0, (double) bytesDone / bytesTotal);
    }

    /** A size for people: {@code 512 B}, {@code 1.5 GiB}. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
