package dev.webseed.tracker;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import dev.webseed.metainfo.InfoHash;

/**
 * Which swarms the tracker serves and to whom (docs/protocol.md T9, BEP 27): asked once for every
 * info-hash of an announce or scrape, with the value of the query parameter it names. The tracker
 * knows nothing else of access: the paygate's gate reads its token, {@link #publishing} admits
 * everyone to the swarms a predicate registers.
 */
public interface SwarmGate {
    /**
     * The query parameter whose value {@link #access} reads (a credential: it may be long, and it
     * is never logged), or empty when the gate reads none.
     */
    default Optional<String> credentialParameter() {
        return Optional.empty();
    }

    /**
     * @param hash       the swarm
     * @param credential the value of {@link #credentialParameter()} as ISO-8859-1 text, or null
     *                   when absent
     */
    SwarmAccess access(InfoHash hash, String credential);

    /** Registers the swarms {@code published} accepts and admits everyone to them. */
    static SwarmGate publishing(Predicate<InfoHash> published) {
        Objects.requireNonNull(published, "published");
        return (hash, credential) -> published.test(hash) ? SwarmAccess.ADMITTED : SwarmAccess.UNREGISTERED;
    }
}
