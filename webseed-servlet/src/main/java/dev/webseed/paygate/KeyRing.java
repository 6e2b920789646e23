package dev.webseed.paygate;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verification keys live on a server, by kid. Several keys are live at once so keys rotate
 * without downtime: publish the new public key to the origins first, then switch the shop to the
 * new private key, and drop the old key once its last token has expired.
 */
public final class KeyRing {
    private final Map<String, VerificationKey> byKid;

    private KeyRing(Map<String, VerificationKey> byKid) {
        this.byKid = Map.copyOf(byKid);
    }

    /**
     * A ring of these keys; the same key listed twice counts once.
     *
     * @throws IllegalArgumentException when two different keys share a kid
     */
    public static KeyRing of(Collection<? extends VerificationKey> keys) {
        Map<String, VerificationKey> byKid = new LinkedHashMap<>();
        for (VerificationKey key : keys) {
            VerificationKey previous = byKid.putIfAbsent(key.kid(), key);
            if (previous != null && !previous.equals(key)) {
                throw new IllegalArgumentException("two different keys share kid " + key.kid());
            }
        }
        return new KeyRing(byKid);
    }

    public static KeyRing of(VerificationKey... keys) {
        return of(List.of(keys));
    }

    /** The key of that kid. */
    public Optional<VerificationKey> find(String kid) {
        return Optional.ofNullable(byKid.get(kid));
    }

    VerificationKey get(String kid) {
        return byKid.get(kid);
    }

    public Set<String> kids() {
        return byKid.keySet();
    }

    public boolean isEmpty() {
        return byKid.isEmpty();
    }

    @Override
    public String toString() {
        return "KeyRing" + byKid.values();
    }
}
