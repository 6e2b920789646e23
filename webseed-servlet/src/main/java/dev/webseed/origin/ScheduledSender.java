package dev.webseed.origin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import dev.webseed.seed.ContentSender;

/**
 * The decorator every web seed byte passes through: classifies each span by the file's record,
 * counts it and, under a budget, sends it in grants of one {@link Pacer.Kind} each (a repeat is
 * "unlocking" when blocks never sent follow it in the same response), asking the {@link Pacer}
 * before every write. Before waiting for a grant it flushes what is buffered, so a paced client
 * keeps receiving what was already granted.
 */
final class ScheduledSender implements ContentSender {
    private final ContentSender inner;
    private final OriginScheduler scheduler;

    ScheduledSender(ContentSender inner, OriginScheduler scheduler) {
        this.inner = inner;
        this.scheduler = scheduler;
    }

    @Override
    public Session open(Path file, long length, String version) throws IOException {
        Session session = inner.open(file, length, version);
        OriginScheduler.Served served = scheduler.served(file, length, version);
        scheduler.opened();
        return new ScheduledSession(session, served);
    }

    /** Tomcat's sendfile would bypass the pacing: declined under a budget, counted otherwise. */
    @Override
    public boolean mayHandOff(Path file, long length, String version, long offset, long span) {
        if (scheduler.paces() || !inner.mayHandOff(file, length, version, offset, span)) {
            return false;
        }
        OriginScheduler.Served served = scheduler.served(file, length, version);
        scheduler.resetIfGone(served, offset);
        scheduler.sent(served, offset, offset + span, 0);
        return true;
    }

    private final class ScheduledSession implements Session {
        private final Session session;
        private final OriginScheduler.Served served;

        ScheduledSession(Session session, OriginScheduler.Served served) {
            this.session = session;
            this.served = served;
        }

        @Override
        public void send(long offset, long length, OutputStream out, LongConsumer written) throws IOException {
            Pacer pacer = scheduler.pacer();
            if (pacer == null) {
                scheduler.resetIfGone(served, offset);
                Counted counted = new Counted(offset, offset + length);
                try {
                    session.send(offset, length, out, n -> {
                        written.accept(n);
                        counted.wrote(n);
                    });
                } finally {
                    counted.close();
                }
                return;
            }
            SentRecord record = served.record();
            long end = offset + length;
            for (long position = offset; position < end; ) {
                long limit = Math.min(end, position + Pacer.GRANT_BYTES);
                Pacer.Kind kind = Pacer.Kind.FIRST_COPY;
                long runEnd = limit;
                if (record != null) {
                    scheduler.resetIfGone(served, position);
                    runEnd = record.runEnd(position, limit);
                    if (record.isSent(position)) {
                        kind = record.anyUnsent(runEnd, end) ? Pacer.Kind.UNLOCKING_REPEAT
                                : scheduler.repeatKind();
                    }
                }
                if (position != offset) {
                    out.flush();
                }
                long waited = pacer.acquire(runEnd - position, kind);
                scheduler.sent(served, position, runEnd, waited);
                session.send(position, runEnd - position, out, written);
                position = runEnd;
            }
        }

        @Override
        public void close() throws IOException {
            scheduler.closed();
            session.close();
        }

        /**
         * Counts an unpaced span as the stream accepts it, whole blocks at a time, so a client that
         * cuts a long range short (aria2 asks for long ranges and closes early) is counted for the
         * bytes it got, not for the bytes it asked for; the paced path counts each grant (at most
         * {@link Pacer#GRANT_BYTES}) before writing it.
         */
        private final class Counted {
            private final long end;
            private long position;
            private long counted;

            Counted(long offset, long end) {
                this.position = offset;
                this.counted = offset;
                this.end = end;
            }

            void wrote(long bytes) {
                position += bytes;
                long upTo = position >= end ? end : position & -SentRecord.BLOCK; // a block split by a write counts once
                if (upTo > counted) {
                    scheduler.sent(served, counted, upTo, 0);
                    counted = upTo;
                }
            }

            void close() {
                if (position > counted) { // an aborted write: the part of a block that left
                    scheduler.sent(served, counted, position, 0);
                    counted = position;
                }
            }
        }
    }
}
