package dev.webseed.view;

import java.nio.file.Files;

import dev.webseed.Webseed;
import dev.webseed.publish.Progress;

/**
 * {@code /health} for load balancers: serving, or why not, in one line. Cheap enough to ask every
 * second: one {@code stat} of the content root and the publisher's progress counters.
 *
 * @param serving true for 200, false for 503
 * @param reason  one line for people, e.g. {@code ok: 12 torrents ready}
 */
public record Health(boolean serving, String reason) {
    /** The health of a running Webseed, or of none ({@code null}: not started or stopped). */
    public static Health of(Webseed webseed) {
        if (webseed == null) {
            return new Health(false, "starting: webseed is not running yet");
        }
        if (!Files.isDirectory(webseed.content().root())) {
            return new Health(false, "content root " + webseed.content().root() + " is gone");
        }
        Progress progress = webseed.publisher().progress();
        if (progress.torrentsReady() == 0 && progress.torrentsHashing() > 0) {
            return new Health(false, "starting: hashing " + progress.torrentsHashing() + " torrents ("
                    + Math.round(progress.fraction() * 100) + "%)");
        }
        return new Health(true, "ok: " + progress.torrentsReady() + " torrents ready"
                + (progress.torrentsHashing() > 0 ? ", " + progress.torrentsHashing() + " hashing" : ""));
    }
}
