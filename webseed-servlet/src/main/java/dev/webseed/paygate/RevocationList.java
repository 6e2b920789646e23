package dev.webseed.paygate;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Revoked token ids and buyers. Checked on every use of a token, cached or not, so a revoked
 * token stops working at once.
 *
 * <p>File format ({@code paygateRevocationFile}), one entry per line; blank lines and lines
 * starting with {@code #} are ignored:</p>
 * <pre>
 * jti 3f9a0c2e5b7d41a8b6e0f1c2d3e4f5a6     revokes one token (its id, 32 hex digits)
 * sub alice@example.com                    revokes every token of that buyer
 * </pre>
 *
 * <p>The file is re-read when its modification time or size changes. The check runs at most once
 * per {@link #POLL_INTERVAL} of the injected clock, on a request thread (one {@code stat}, no
 * watcher thread). A reload that fails keeps the previous list and logs a warning, so a half-written
 * file never un-revokes anyone; write the new file beside it and rename it into place.</p>
 */
public final class RevocationList {
    /** How often, at most, the file's modification time is looked at. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(RevocationList.class.getName());
    private static final RevocationList EMPTY =
            new RevocationList(null, null, new Entries(Set.of(), Set.of(), null, -1), null);

    private final Path file;
    private final Clock clock;
    private final AtomicLong nextPoll = new AtomicLong(Long.MIN_VALUE);
    private final SharedRevocations shared;
    private volatile Entries entries;
    /** The file's entries are not in the shared store yet (it was away): sent again on the next poll. */
    private volatile boolean unshared;

    private record Entries(Set<String> tokenIds, Set<String> subjects, FileTime modified, long size) {
    }

    private RevocationList(Path file, Clock clock, Entries entries, SharedRevocations shared) {
        this.file = file;
        this.clock = clock;
        this.entries = entries;
        this.shared = shared;
        this.unshared = shared != null && !(entries.tokenIds.isEmpty() && entries.subjects.isEmpty());
    }

    /** Nothing revoked. */
    public static RevocationList empty() {
        return EMPTY;
    }

    /** A fixed list (token ids as 32 hex digits; subjects exactly as issued). */
    public static RevocationList of(Set<String> tokenIds, Set<String> subjects) {
        Set<String> ids = new HashSet<>();
        tokenIds.forEach(id -> ids.add(id.toLowerCase(Locale.ROOT)));
        return new RevocationList(null, null, new Entries(Set.copyOf(ids), Set.copyOf(subjects), null, -1), null);
    }

    /**
     * Reads the file now and follows its changes.
     *
     * @throws IOException naming the file and line when it is missing or holds a bad line
     */
    public static RevocationList watch(Path file, Clock clock) throws IOException {
        return watch(file, clock, null);
    }

    /**
     * Like {@link #watch(Path, Clock)}, also in force on every server sharing {@code shared} (may be
     * null): the file's entries are entered there, and entries made elsewhere are honoured here.
     */
    public static RevocationList watch(Path file, Clock clock, SharedRevocations shared) throws IOException {
        Objects.requireNonNull(clock, "clock");
        RevocationList list = new RevocationList(file, clock, load(file), shared);
        list.share();
        list.nextPoll.set(clock.millis() + POLL_INTERVAL.toMillis());
        return list;
    }

    /** Only the revocations entered on the servers sharing {@code shared}. */
    public static RevocationList shared(SharedRevocations shared) {
        return new RevocationList(null, null, EMPTY.entries, Objects.requireNonNull(shared, "shared"));
    }

    /** True when the token's id or its subject is revoked. */
    public boolean isRevoked(TokenClaims claims) {
        poll();
        Entries e = entries;
        return !e.tokenIds.isEmpty() && e.tokenIds.contains(claims.tokenId())
                || !e.subjects.isEmpty() && e.subjects.contains(claims.subject())
                || shared != null && shared.isRevoked(claims.tokenId(), claims.subject());
    }

    /** Entries in the current list. */
    public int size() {
        poll();
        Entries e = entries;
        return e.tokenIds.size() + e.subjects.size();
    }

    private void poll() {
        if (file == null) {
            return;
        }
        long now = clock.millis();
        long due = nextPoll.get();
        // one thread per interval does the stat; the others use the current list
        if (now < due || !nextPoll.compareAndSet(due, now + POLL_INTERVAL.toMillis())) {
            return;
        }
        try {
            if (unshared) {
                share();
            }
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Entries current = entries;
            if (attributes.lastModifiedTime().equals(current.modified) && attributes.size() == current.size) {
                return;
            }
            entries = load(file);
            unshared = shared != null;
            share();
            LOG.log(Level.INFO, "revocation list {0} reloaded: {1} entries", file,
                    entries.tokenIds.size() + entries.subjects.size());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "revocation list " + file + " not reloaded, keeping the previous one: " + e);
        }
    }

    /** Enters the file's entries in the shared store; kept for the next poll when it is away. */
    private void share() {
        if (shared != null) {
            Entries e = entries;
            unshared = !shared.revoke(e.tokenIds, e.subjects);
        }
    }

    private static Entries load(Path file) throws IOException {
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Set<String> ids = new HashSet<>();
        Set<String> subjects = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<Revocation> entry;
            try {
                entry = Revocation.parse(lines.get(i));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
            entry.ifPresent(r -> (r.kind() == Revocation.Kind.TOKEN_ID ? ids : subjects).add(r.value()));
        }
        return new Entries(Set.copyOf(ids), Set.copyOf(subjects), before.lastModifiedTime(), before.size());
    }

    /**
     * Adds a revocation to a revocation file unless it holds it already. The new file is written beside
     * the old one (same permissions) and renamed into place, so a server reading it meanwhile sees the
     * old list or the new one, never half of one; every server watching the file picks it up within
     * {@link #POLL_INTERVAL}. Two writers at once may lose one entry: enter revocations one at a time.
     *
     * @return false when the file held it already (nothing written)
     * @throws IOException naming the file when it is missing, holds a bad line or cannot be replaced
     */
    public static boolean append(Path file, Revocation revocation) throws IOException {
        Path target = file.toRealPath(); // a symbolic link stays one: its target is replaced
        Entries current = load(target);
        Set<String> held = revocation.kind() == Revocation.Kind.TOKEN_ID ? current.tokenIds : current.subjects;
        if (held.contains(revocation.value())) {
            return false;
        }
        byte[] old = Files.readAllBytes(target);
        boolean newline = old.length == 0 || old[old.length - 1] == '\n';
        Path staged = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".new");
        try {
            Files.write(staged, old);
            Files.writeString(staged, (newline ? "" : "\n") + revocation.line() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            try {
                Files.setPosixFilePermissions(staged, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the new file keeps the folder's defaults
            }
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staged);
        }
        return true;
    }
}
