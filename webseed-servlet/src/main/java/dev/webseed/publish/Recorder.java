package dev.webseed.publish;

import java.time.Clock;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.shared.PublishedTorrents;

/**
 * Records ready publications in the registry several servers share ({@link PublishedTorrents}),
 * without waiting: after a run, after a restore from the hash cache, and on a request of the
 * publication (the announces of its swarm on this server are such requests) when the last record
 * failed or is older than {@link #RECORD_AGAIN_MILLIS}. Recording again now and then puts the entry
 * back after a Redis that lost its data (no persistence) or an operator's {@code DEL}.
 */
final class Recorder {
    /** How long a record stands before a request of the publication makes it again. */
    static final long RECORD_AGAIN_MILLIS = 60_000;

    private final PublishedTorrents registry;
    private final Clock clock;

    Recorder(PublishedTorrents registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Records the publication unless it is not ready, or was recorded (or is on its way) lately. */
    void share(Slot slot, Publication publication) {
        if (registry == PublishedTorrents.NONE || !(publication instanceof Publication.Ready ready)) {
            return;
        }
        InfoHash hash = ready.torrent().infoHash();
        long now = clock.millis();
        Slot.Shared before = slot.shared.get();
        if (before != null && before.hash().equals(hash) && now - before.atMillis() < RECORD_AGAIN_MILLIS) {
            return;
        }
        Slot.Shared claim = new Slot.Shared(hash, now);
        if (!slot.shared.compareAndSet(before, claim)) {
            return; // another thread records it
        }
        registry.record(hash, slot.path).whenComplete((stored, failure) -> {
            if (!Boolean.TRUE.equals(stored)) {
                slot.shared.compareAndSet(claim, null); // the next request tries again
            }
        });
    }
}
