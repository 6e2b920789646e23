package dev.webseed.publish;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.paygate.Paygate;
import dev.webseed.paygate.RefusalReason;
import dev.webseed.paygate.Target;
import dev.webseed.paygate.Verdict;

/**
 * The paygate applied to what this server publishes: which webseed paths, {@code .torrent}s and
 * swarms need a token, and whether a token opens them (DESIGN.md "Paygate token"). Shared by the
 * webseed, the torrent endpoint and the tracker, so all three decide alike.
 *
 * <p>A path needs a token when {@code paygateProtect} covers it ({@link Paygate#requiresToken}: a
 * pure string test, done before anything touches the file system, so a refusal never tells whether
 * a file exists). A token opens it when one of its scopes covers the path (checked first, with no
 * lookup), or names the info-hash of the path's own publication or of a folder publication above
 * it, as known in memory ({@link Publisher#readyHashesCovering}). A swarm needs a token when a
 * path publishing its info-hash does; a token opens it when it opens one of those paths.</p>
 *
 * <p>Refusals are logged at DEBUG with the reason, the kid and, once the signature checked out,
 * the token id; never the token itself (it is a bearer credential).</p>
 */
public final class PaidAccess {
    private static final System.Logger LOG = System.getLogger(PaidAccess.class.getName());
    private static final PaidAccess NONE = new PaidAccess(null, null, reason -> { });

    private final Paygate paygate;
    private final Publisher publisher;
    private final Consumer<RefusalReason> refused;

    private PaidAccess(Paygate paygate, Publisher publisher, Consumer<RefusalReason> refused) {
        this.paygate = paygate;
        this.publisher = publisher;
        this.refused = refused;
    }

    /** Nothing protected: every check passes. */
    public static PaidAccess none() {
        return NONE;
    }

    /** The paygate over these publications; {@code paygate} null means {@link #none()}. */
    public static PaidAccess of(Paygate paygate, Publisher publisher) {
        return of(paygate, publisher, reason -> { });
    }

    /** Like {@link #of(Paygate, Publisher)}, telling {@code refused} the reason of every refusal (statistics). */
    public static PaidAccess of(Paygate paygate, Publisher publisher, Consumer<RefusalReason> refused) {
        return paygate == null ? NONE : new PaidAccess(paygate, Objects.requireNonNull(publisher, "publisher"),
                Objects.requireNonNull(refused, "refused"));
    }

    /** The paygate, if one is configured. */
    public Optional<Paygate> paygate() {
        return Optional.ofNullable(paygate);
    }

    /** True when this relative path (file, folder publication, pad) needs a token; no disk access. */
    public boolean requiresToken(String relativePath) {
        return paygate != null && paygate.requiresToken(relativePath);
    }

    /**
     * Checks a token for a content path (webseed range, {@code .torrent}): its path scopes first,
     * then its info-hash scopes against the ready publications of the path and its folders plus
     * {@code known} (the publication being rendered). Touches no file.
     *
     * @param token the token from the request, null or empty when none came
     */
    public Verdict check(String relativePath, String token, InfoHash... known) {
        if (paygate == null) {
            throw new IllegalStateException("no paygate configured");
        }
        Verdict verdict = paygate.verify(token, Target.path(relativePath, known));
        if (verdict instanceof Verdict.Refused refused && refused.reason() == RefusalReason.OUT_OF_SCOPE) {
            Set<InfoHash> hashes = new HashSet<>(publisher.readyHashesCovering(relativePath));
            hashes.addAll(List.of(known));
            if (hashes.size() > known.length) {
                verdict = paygate.verify(token, new Target(Optional.of(relativePath), hashes));
            }
        }
        if (verdict instanceof Verdict.Refused refused) {
            logRefusal("content " + relativePath, token, refused);
        }
        return verdict;
    }

    /**
     * The tracker's check (T9): null when this swarm is open or the token opens it, else the
     * {@code failure reason}. A token whose byte budget is used up still opens the swarm: the
     * budget limits what the origin serves, and peers serving each other cost the origin nothing.
     */
    public String swarmRefusal(InfoHash hash, String token) {
        if (paygate == null) {
            return null;
        }
        List<String> paths = publisher.pathsOf(hash);
        boolean protectedSwarm = false;
        for (String path : paths) {
            protectedSwarm |= paygate.requiresToken(path);
        }
        if (!protectedSwarm) {
            return null;
        }
        Verdict last = null;
        for (String path : paths) {
            last = check(path, token, hash);
            if (opensPeers(last)) {
                return null;
            }
        }
        return "paygate: " + ((Verdict.Refused) last).message();
    }

    /**
     * True for a valid token, and for one refused only because its byte budget is used up: the
     * verifier checks the budget last, so everything else about such a token held. Used where the
     * budget does not apply (a personal {@code .torrent}, a peer list).
     */
    public static boolean opensPeers(Verdict verdict) {
        return verdict.isValid()
                || verdict instanceof Verdict.Refused r && r.reason() == RefusalReason.BUDGET_EXHAUSTED;
    }

    private void logRefusal(String what, String token, Verdict.Refused refused) {
        this.refused.accept(refused.reason());
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "paygate refused {0}: {1} (kid {2}, token id {3})", what, refused.reason(),
                    kidOf(token), paygate.verifier().cachedTokenId(token).orElse("unknown"));
        }
    }

    /** The kid part of a token for logs: at most 16 base64url characters, nothing else. */
    static String kidOf(String token) {
        if (token == null || token.isEmpty()) {
            return "none";
        }
        int end = 0;
        while (end < token.length() && end < 16 && isBase64Url(token.charAt(end))) {
            end++;
        }
        return end == 0 ? "malformed" : token.substring(0, end);
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
