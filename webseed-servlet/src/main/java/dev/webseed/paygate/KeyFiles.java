package dev.webseed.paygate;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;

/**
 * The verification keys of {@code paygatePublicKeys} and {@code paygateHmacSecretFile}, re-read
 * when either file changes, so keys rotate without a restart (README "Several servers", key rotation).
 *
 * <p>At most once per {@code paygateKeyReloadInterval} of the injected clock, one request thread
 * compares each file's modification time and size with the loaded ones (one {@code stat} per file;
 * no watcher thread). A changed file is read whole; a read that fails (half-written file, bad
 * line, two keys sharing a kid) keeps the previous ring and logs a warning, so a bad edit never
 * locks buyers out: write the new file beside the old one and rename it into place.</p>
 */
final class KeyFiles implements Supplier<KeyRing> {
    private static final System.Logger LOG = System.getLogger(KeyFiles.class.getName());

    private final Path publicKeys;
    private final Path secrets;
    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong nextPoll;
    private volatile Loaded loaded;

    private record Stamp(long modifiedMillis, long size) {
        static Stamp of(Path file) throws IOException {
            if (file == null) {
                return null;
            }
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime().toMillis(), a.size());
        }
    }

    private record Loaded(KeyRing ring, Stamp publicKeys, Stamp secrets) {
    }

    /**
     * Reads the files now.
     *
     * @throws ConfigException naming the setting whose file is missing or bad
     */
    KeyFiles(Path publicKeys, Path secrets, Clock clock, Duration interval) {
        this.publicKeys = publicKeys;
        this.secrets = secrets;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.intervalMillis = interval.toMillis();
        this.loaded = load();
        this.nextPoll = new AtomicLong(clock.millis() + intervalMillis);
    }

    /** The current ring, after a reload when a file changed since the last look. */
    @Override
    public KeyRing get() {
        long now = clock.millis();
        long due = nextPoll.get();
        if (now >= due && nextPoll.compareAndSet(due, now + intervalMillis)) {
            poll();
        }
        return loaded.ring();
    }

    private void poll() {
        Loaded current = loaded;
        try {
            if (Objects.equals(Stamp.of(publicKeys), current.publicKeys())
                    && Objects.equals(Stamp.of(secrets), current.secrets())) {
                return;
            }
            Loaded fresh = load();
            loaded = fresh;
            LOG.log(Level.INFO, "paygate keys reloaded: kids {0}", fresh.ring().kids());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "paygate keys not reloaded, keeping kids " + current.ring().kids() + ": " + e);
        }
    }

    private Loaded load() {
        List<VerificationKey> keys = new ArrayList<>();
        Stamp pemStamp = read(publicKeys, Settings.PAYGATE_PUBLIC_KEYS.name(), keys, true);
        Stamp secretStamp = read(secrets, Settings.PAYGATE_HMAC_SECRET_FILE.name(), keys, false);
        try {
            return new Loaded(KeyRing.of(keys), pemStamp, secretStamp);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Settings.PAYGATE_PUBLIC_KEYS.name(), e.getMessage());
        }
    }

    /** Reads one file into {@code keys}; its stamp is taken first, so a write during the read is seen next time. */
    private static Stamp read(Path file, String setting, List<VerificationKey> keys, boolean pem) {
        if (file == null) {
            return null;
        }
        try {
            Stamp stamp = Stamp.of(file);
            keys.addAll(pem ? PemKeys.readPublicKeys(file) : HmacKey.readSecrets(file));
            return stamp;
        } catch (IOException e) {
            throw new ConfigException(setting, e.getMessage());
        }
    }
}
