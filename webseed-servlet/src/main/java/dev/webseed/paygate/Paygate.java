package dev.webseed.paygate;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.webseed.config.ConfigException;
import dev.webseed.config.WebseedConfig;
import dev.webseed.http.Route;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.tracker.SwarmAccess;
import dev.webseed.tracker.SwarmGate;

/**
 * The paygate of one web application, and its one face: every endpoint asks it whether a path or
 * a swarm is paid and whether a token opens it, and gets back an {@link Access} holding the
 * verdict and the {@link Budget} that reserves and charges the bytes sent.
 *
 * <p>A path is paid when {@code paygateProtect} covers it ({@link #isPaid}): a pure string test on
 * the configuration and the path, the same at any time, done before anything touches the file
 * system, so a denial never tells whether a file exists. The private flag of a publication
 * (BEP 27) and the tracker ask the same question. A token opens a path when one of its scopes
 * covers the path (checked first, with no lookup), or names the info-hash of the path's own
 * publication or of a folder publication above it ({@link HashIndex#hashesCovering}). A swarm is
 * paid when a path publishing its info-hash is ({@link HashIndex#pathsOf}); a token opens it when
 * it opens one of those paths. The tracker reaches all this through {@link #swarmGate()}; with
 * several servers, a swarm another server published is paid by the path it was published at
 * ({@link #swarmGate(Function)}).</p>
 *
 * <p>Denials are logged at DEBUG with the reason, the kid and, once the signature checked out,
 * the token id; never the token itself (it is a bearer credential).</p>
 */
public final class Paygate {
    private static final System.Logger LOG = System.getLogger(Paygate.class.getName());
    private static final Paygate OPEN = new Paygate(ProtectedPaths.none(), null, HashIndex.NONE);

    private final ProtectedPaths protectedPaths;
    private final TokenVerifier verifier;
    private final HashIndex index;
    private final Consumer<DenialReason> denied;

    Paygate(ProtectedPaths protectedPaths, TokenVerifier verifier, HashIndex index) {
        this(protectedPaths, verifier, index, reason -> { });
    }

    private Paygate(ProtectedPaths protectedPaths, TokenVerifier verifier, HashIndex index,
            Consumer<DenialReason> denied) {
        this.protectedPaths = protectedPaths;
        this.verifier = verifier;
        this.index = index;
        this.denied = denied;
    }

    /** A paygate that protects nothing: every path and swarm is free. */
    public static Paygate open() {
        return OPEN;
    }

    /**
     * The paygate of the {@code paygate*} settings: loads keys and the revocation list.
     *
     * @throws ConfigException naming the setting whose file is missing or bad, or
     *                         {@code paygateProtect} when content is protected but no key is set
     */
    public static Paygate fromConfig(WebseedConfig config, Clock clock) {
        return fromConfig(config, clock, null);
    }

    /**
     * Like {@link #fromConfig(WebseedConfig, Clock)}, with byte budgets, revocations and the grace
     * memory shared by several servers ({@code null}: this server's memory alone).
     */
    public static Paygate fromConfig(WebseedConfig config, Clock clock, SharedPaygate shared) {
        return PaygateLoader.load(config, Objects.requireNonNull(clock, "clock"), shared);
    }

    /**
     * {@link #fromConfig} when a paygate key ({@code paygatePublicKeys}, {@code
     * paygateHmacSecretFile}) or {@code paygateProtect} is set, else {@link #open()}.
     */
    public static Paygate ifConfigured(WebseedConfig config, Clock clock) {
        return ifConfigured(config, clock, null);
    }

    /** {@link #ifConfigured(WebseedConfig, Clock)} with the parts several servers share ({@code null}: none). */
    public static Paygate ifConfigured(WebseedConfig config, Clock clock, SharedPaygate shared) {
        return PaygateLoader.configured(config) ? fromConfig(config, clock, shared) : OPEN;
    }

    /** This paygate over the publications' info-hashes (the same keys, cache and budgets). */
    public Paygate over(HashIndex publications) {
        return new Paygate(protectedPaths, verifier, Objects.requireNonNull(publications, "publications"), denied);
    }

    /** This paygate telling {@code denied} the reason of every denial (the operator view's counts). */
    public Paygate countingDenials(Consumer<DenialReason> denied) {
        return new Paygate(protectedPaths, verifier, index, Objects.requireNonNull(denied, "denied"));
    }

    /** True when a paygate is configured (keys or protected content); false for {@link #open()}. */
    public boolean isConfigured() {
        return verifier != null;
    }

    /** True when this relative path (file, folder publication, pad) needs a token; no disk access. */
    public boolean isPaid(String relativePath) {
        return protectedPaths.requiresToken(relativePath);
    }

    /**
     * For sending bytes of a path (a webseed range): free, granted with the token's budget, or
     * denied (a used-up budget too). Touches no file.
     *
     * @param token the token from the request, null or empty when none came
     */
    public Access forBytes(String relativePath, String token) {
        if (!isPaid(relativePath)) {
            return Access.FREE;
        }
        Verdict verdict = check(relativePath, token, true);
        return verdict instanceof Verdict.Valid valid
                ? new Access.Granted(valid.claims(), Budget.of(verifier.budgets(), valid.claims()))
                : (Verdict.Denied) verdict;
    }

    /**
     * For handing out peers of a path ({@code .torrent}, magnet): like {@link #forBytes}, but a
     * token whose byte budget is used up is granted, with no budget to charge: the budget limits
     * what the origin serves, and peers serving each other cost the origin nothing.
     *
     * @param known info-hashes of the publication being rendered, counted for info-hash scopes
     */
    public Access forPeers(String relativePath, String token, InfoHash... known) {
        if (!isPaid(relativePath)) {
            return Access.FREE;
        }
        Verdict verdict = check(relativePath, token, false, known);
        return verdict instanceof Verdict.Valid valid ? new Access.Granted(valid.claims(), Budget.UNLIMITED)
                : (Verdict.Denied) verdict;
    }

    /**
     * The tracker's gate (docs/protocol.md T9): a swarm this server does not publish is
     * unregistered; a free one is admitted; a paid one is admitted when the {@link
     * Route#TOKEN_PARAMETER} opens one of its paths ({@link #forPeers}), else denied with the reason.
     */
    public SwarmGate swarmGate() {
        return swarmGate(hash -> List.of());
    }

    /** True when {@code paygateProtect} covers some path: some swarm may be paid. */
    public boolean protectsAnything() {
        return !protectedPaths.isEmpty();
    }

    /**
     * Like {@link #swarmGate()}, for a swarm this server does not publish asking {@code elsewhere}
     * for the paths other servers published it at (several servers): found, it is registered, and
     * paid or free by those paths as above, so a paid swarm needs a token on every server. Asked
     * only when this server publishes no such torrent: a known swarm costs no lookup.
     */
    public SwarmGate swarmGate(Function<InfoHash, List<String>> elsewhere) {
        Objects.requireNonNull(elsewhere, "elsewhere");
        return new SwarmGate() {
            @Override
            public Optional<String> credentialParameter() {
                return isConfigured() ? Optional.of(Route.TOKEN_PARAMETER) : Optional.empty();
            }

            @Override
            public SwarmAccess access(InfoHash hash, String token) {
                List<String> paths = index.pathsOf(hash);
                return forSwarm(hash, token, paths.isEmpty() ? elsewhere.apply(hash) : paths);
            }
        };
    }

    private SwarmAccess forSwarm(InfoHash hash, String token, List<String> paths) {
        if (paths.isEmpty()) {
            return SwarmAccess.UNREGISTERED;
        }
        if (paths.stream().noneMatch(this::isPaid)) {
            return SwarmAccess.ADMITTED;
        }
        Access last = null;
        for (String path : paths) {
            last = forPeers(path, token, hash);
            if (last.granted()) {
                return SwarmAccess.ADMITTED;
            }
        }
        return new SwarmAccess.Denied("paygate: " + ((Verdict.Denied) last).message());
    }

    /** The verifier (tests of the configuration); null for {@link #open()}. */
    TokenVerifier verifier() {
        return verifier;
    }

    /** The byte counters budgets are charged to; empty for {@link #open()}. */
    public Optional<BudgetReserver> budgets() {
        return verifier == null ? Optional.empty() : Optional.ofNullable(verifier.budgets());
    }

    /**
     * Path scopes first, then info-hash scopes: a token's info-hash opens the path when the
     * publication of that hash (known to the index: in memory, or restored from the hash cache
     * without hashing) is the path or a folder above it, or is one of {@code known}. The answer
     * depends on the token and the configuration, never on whether the path exists, and nothing
     * is hashed for it: no existence oracle, and no work for a token that opens nothing.
     */
    private Verdict check(String relativePath, String token, boolean bytes, InfoHash... known) {
        Verdict verdict = verifier.verify(token, Target.path(relativePath, known), bytes);
        if (verdict instanceof Verdict.Denied scoped && scoped.reason() == DenialReason.OUT_OF_SCOPE) {
            Set<InfoHash> hashes = new HashSet<>(index.hashesCovering(relativePath));
            hashes.addAll(List.of(known));
            for (InfoHash hash : verifier.signedClaims(token).map(TokenClaims::infoHashScopes).orElse(Set.of())) {
                if (!hashes.contains(hash)
                        && index.pathsOf(hash).stream().anyMatch(p -> PathPrefix.covers(p, relativePath))) {
                    hashes.add(hash);
                }
            }
            if (hashes.size() > known.length) {
                verdict = verifier.verify(token, new Target(Optional.of(relativePath), hashes), bytes);
            }
        }
        if (verdict instanceof Verdict.Denied denial) {
            denied.accept(denial.reason());
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "paygate denied content {0}: {1} (kid {2}, token id {3})", relativePath,
                        denial.reason(), kidOf(token), verifier.cachedTokenId(token).orElse("unknown"));
            }
        }
        return verdict;
    }

    /** The kid part of a token for logs: at most 16 base64url characters, nothing else. */
    static String kidOf(String token) {
        if (token == null || token.isEmpty()) {
            return "none";
        }
        int end = 0;
        while (end < token.length() && end < 16 && Base64Url.isAlphabet(token, end, end + 1)) {
            end++;
        }
        return end == 0 ? "malformed" : token.substring(0, end);
    }
}
