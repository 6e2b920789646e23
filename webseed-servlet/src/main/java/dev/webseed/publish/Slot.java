package dev.webseed.publish;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.metainfo.Layout;

/** The publication of one relative path (the publisher keeps one slot per path); fields other than the progress counters are guarded by the entry. */
final class Slot {
    final String path;
    /** The final state, or null while a run is queued or hashing. */
    Publication state;
    /** The files the final state was made from (null for Failed and NotFound). */
    Layout layout;
    /** Clock millis of the last check that the files are still those of {@link #layout}. */
    long checkedAt;
    /** Bumped by every run, so a late result of an abandoned run is ignored. */
    int generation;
    /** Completed with the final state of the current run. */
    CompletableFuture<Publication> done = new CompletableFuture<>();

    // progress of the current run, written by the hashing threads
    final AtomicLong bytesDone = new AtomicLong();
    final AtomicLong bytesTotal = new AtomicLong();
    final AtomicInteger quartileLogged = new AtomicInteger(-1);
    /** The info-hash last recorded in the fleet's registry (or on its way there) and when; null when none. */
    final AtomicReference<Shared> shared = new AtomicReference<>();

    /** An info-hash recorded in the fleet's registry at this clock millis. */
    record Shared(InfoHash hash, long atMillis) {
    }

    Slot(String path) {
        this.path = path;
    }

    /** The state as callers see it. Caller holds the lock. */
    Publication current() {
        return state != null ? state : new Publication.Hashing(bytesDone.get(), bytesTotal.get());
    }
}
