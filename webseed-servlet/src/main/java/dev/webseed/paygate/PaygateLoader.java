package dev.webseed.paygate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;

/**
 * Reads the {@code paygate*} settings: keys (re-read when their files change), revocation list,
 * verifier and budget store, with the parts several servers share when given ({@code redisUrl}).
 */
final class PaygateLoader {
    private PaygateLoader() {
    }

    /** True when any paygate setting is present: keys to verify with, or content to protect. */
    static boolean configured(WebseedConfig config) {
        return config.find(Settings.PAYGATE_PUBLIC_KEYS).isPresent()
                || config.find(Settings.PAYGATE_HMAC_SECRET_FILE).isPresent()
                || !config.get(Settings.PAYGATE_PROTECT).isEmpty();
    }

    static Paygate load(WebseedConfig config, Clock clock, SharedPaygate shared) {
        // re-read when they change: keys rotate without a restart (README "Several servers")
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
                .deniedCacheSize(config.get(Settings.PAYGATE_DENIED_TOKEN_CACHE_SIZE))
                .maxTokenBytes(config.get(Settings.PAYGATE_MAX_TOKEN_BYTES))
                .revocations(revocations)
                .budgets(budgets)
                .build();
        return new Paygate(protectedPaths, verifier, HashIndex.NONE);
    }
}
