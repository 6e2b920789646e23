package dev.webseed.paygate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;

/** Reads the {@code paygate*} settings: keys, revocation list, verifier and budget store. */
final class PaygateLoader {
    private PaygateLoader() {
    }

    /** True when any paygate setting is present: keys to verify with, or content to protect. */
    static boolean configured(WebseedConfig config) {
        return config.find(Settings.PAYGATE_PUBLIC_KEYS).isPresent()
                || config.find(Settings.PAYGATE_HMAC_SECRET_FILE).isPresent()
                || !config.get(Settings.PAYGATE_PROTECT).isEmpty();
    }

    static Paygate load(WebseedConfig config, Clock clock) {
        List<VerificationKey> keys = new ArrayList<>();
        Optional<Path> publicKeys = config.find(Settings.PAYGATE_PUBLIC_KEYS);
        if (publicKeys.isPresent()) {
            try {
                keys.addAll(PemKeys.readPublicKeys(publicKeys.get()));
            } catch (IOException e) {
                throw new ConfigException(Settings.PAYGATE_PUBLIC_KEYS.name(), e.getMessage());
            }
        }
        Optional<Path> secrets = config.find(Settings.PAYGATE_HMAC_SECRET_FILE);
        if (secrets.isPresent()) {
            try {
                keys.addAll(HmacKey.readSecrets(secrets.get()));
            } catch (IOException e) {
                throw new ConfigException(Settings.PAYGATE_HMAC_SECRET_FILE.name(), e.getMessage());
            }
        }
        ProtectedPaths protectedPaths = ProtectedPaths.of(config.get(Settings.PAYGATE_PROTECT));
        if (!protectedPaths.isEmpty() && keys.isEmpty()) {
            throw new ConfigException(Settings.PAYGATE_PROTECT.name(),
                    "protects content but no key is set (paygatePublicKeys or paygateHmacSecretFile)");
        }
        KeyRing ring;
        try {
            ring = KeyRing.of(keys);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Settings.PAYGATE_PUBLIC_KEYS.name(), e.getMessage());
        }
        RevocationList revocations = RevocationList.empty();
        Optional<Path> revocationFile = config.find(Settings.PAYGATE_REVOCATION_FILE);
        if (revocationFile.isPresent()) {
            try {
                revocations = RevocationList.watch(revocationFile.get(), clock);
            } catch (IOException e) {
                throw new ConfigException(Settings.PAYGATE_REVOCATION_FILE.name(), e.toString());
            }
        }
        int size = config.get(Settings.PAYGATE_TOKEN_CACHE_SIZE);
        BudgetReserver budgets = new ByteBudgets(Math.max(size, 1024));
        TokenVerifier verifier = TokenVerifier.builder(ring)
                .clock(clock)
                .clockSkew(config.get(Settings.PAYGATE_CLOCK_SKEW))
                .grace(config.get(Settings.PAYGATE_GRACE))
                .cacheSize(size)
                .maxTokenBytes(config.get(Settings.PAYGATE_MAX_TOKEN_BYTES))
                .revocations(revocations)
                .budgets(budgets)
                .build();
        return new Paygate(protectedPaths, verifier, HashIndex.NONE);
    }
}
