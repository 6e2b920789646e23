package dev.webseed.paygate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;

/**
 * The paygate of one web application, built from the {@code paygate*} settings: what needs a
 * token ({@link #requiresToken}) and the verifier that checks them ({@link #verify}), with the
 * byte counters the webseed feeds ({@link #budgets}).
 */
public final class Paygate {
    private final ProtectedPaths protectedPaths;
    private final TokenVerifier verifier;
    private final BudgetReserver budgets;

    private Paygate(ProtectedPaths protectedPaths, TokenVerifier verifier, BudgetReserver budgets) {
        this.protectedPaths = protectedPaths;
        this.verifier = verifier;
        this.budgets = budgets;
    }

    /** A paygate from explicit parts (tests, embedding). */
    public static Paygate of(ProtectedPaths protectedPaths, TokenVerifier verifier) {
        return new Paygate(protectedPaths, verifier, verifier.budgets().orElse(null));
    }

    /**
     * Loads keys and the revocation list named by the settings.
     *
     * @throws ConfigException naming the setting whose file is missing or bad, or
     *                         {@code paygateProtect} when content is protected but no key is set
     */
    public static Paygate fromConfig(WebseedConfig config, Clock clock) {
        return fromConfig(config, clock, null);
    }

    /**
     * Like {@link #fromConfig(WebseedConfig, Clock)}, with byte budgets and revocations shared by
     * several servers ({@code null}: this server's memory alone).
     */
    public static Paygate fromConfig(WebseedConfig config, Clock clock, SharedPaygate shared) {
        Objects.requireNonNull(clock, "clock");
        KeyFiles keys = new KeyFiles(config.find(Settings.PAYGATE_PUBLIC_KEYS).orElse(null),
                config.find(Settings.PAYGATE_HMAC_SECRET_FILE).orElse(null), clock,
                config.get(Settings.PAYGATE_KEY_RELOAD_INTERVAL));
        ProtectedPaths protectedPaths = ProtectedPaths.of(config.get(Settings.PAYGATE_PROTECT));
        if (!protectedPaths.isEmpty() && keys.get().isEmpty()) {
            throw new ConfigException(Settings.PAYGATE_PROTECT.name(),
                    "protects content but no key is set (paygatePublicKeys or paygateHmacSecretFile)");
        }
        SharedRevocations sharedRevocations = shared == null ? null : shared.revocations();
        RevocationList revocations = sharedRevocations == null ? RevocationList.empty()
                : RevocationList.shared(sharedRevocations);
        Optional<Path> revocationFile = config.find(Settings.PAYGATE_REVOCATION_FILE);
        if (revocationFile.isPresent()) {
            try {
                revocations = RevocationList.watch(revocationFile.get(), clock, sharedRevocations);
            } catch (IOException e) {
                throw new ConfigException(Settings.PAYGATE_REVOCATION_FILE.name(), e.toString());
            }
        }
        int size = config.get(Settings.PAYGATE_TOKEN_CACHE_SIZE);
        BudgetReserver budgets = shared != null ? shared.budgets() : new ByteBudgets(Math.max(size, 1024));
        TokenVerifier.Builder builder = TokenVerifier.builder(keys);
        if (shared != null) {
            builder.graceMemory(shared.grace());
        }
        TokenVerifier verifier = builder
                .clock(clock)
                .clockSkew(config.get(Settings.PAYGATE_CLOCK_SKEW))
                .grace(config.get(Settings.PAYGATE_GRACE))
                .cacheSize(size)
                .maxTokenChars(config.get(Settings.PAYGATE_MAX_TOKEN_BYTES))
                .revocations(revocations)
                .budgets(budgets)
                .build();
        return new Paygate(protectedPaths, verifier, budgets);
    }

    /** True when this relative path (a file, or a folder publication) needs a token. */
    public boolean requiresToken(String relativePath) {
        return protectedPaths.requiresToken(relativePath);
    }

    /** {@link TokenVerifier#verify}: call before the first byte of the response. */
    public Verdict verify(String token, Target target) {
        return verifier.verify(token, target);
    }

    public ProtectedPaths protectedPaths() {
        return protectedPaths;
    }

    public TokenVerifier verifier() {
        return verifier;
    }

    /** The byte budgets: the webseed reserves before it sends ({@link BudgetReserver#reserve}). */
    public Optional<BudgetReserver> budgets() {
        return Optional.ofNullable(budgets);
    }
}
