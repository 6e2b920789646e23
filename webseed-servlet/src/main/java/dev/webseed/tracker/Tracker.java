package dev.webseed.tracker;

import java.time.Clock;
import java.util.function.Predicate;

import dev.webseed.config.WebseedConfig;
import dev.webseed.metainfo.InfoHash;

/** STUB: replaced by the tracker work. */
public final class Tracker implements AutoCloseable {
    public static Tracker create(WebseedConfig config, Predicate<InfoHash> published, Clock clock) {
        return new Tracker();
    }

    @Override
    public void close() {
    }
}
