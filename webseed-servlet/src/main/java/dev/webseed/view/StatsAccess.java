package dev.webseed.view;

import java.util.function.Function;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.tracker.Addresses;
import dev.webseed.tracker.TrackerFailure;

/**
 * Who may read {@code /stats}, {@code /metrics} and {@code /status} (they reveal info-hashes and
 * traffic): a client whose address lies in {@code statsAllow}. The client's address is the
 * tracker's: the socket's, or behind {@code trustedProxies} the forwarded one ({@link Addresses},
 * the same rule, so a proxy cannot be talked past here and not there). An unreadable address is
 * refused.
 */
public final class StatsAccess {
    private final Addresses allowed;
    private final Addresses proxies;

    private StatsAccess(Addresses allowed, Addresses proxies) {
        this.allowed = allowed;
        this.proxies = proxies;
    }

    /**
     * The rule of a configuration.
     *
     * @throws ConfigException naming {@code statsAllow} or {@code trustedProxies} when an entry is
     *                         not an address or CIDR network
     */
    public static StatsAccess from(WebseedConfig config) {
        return new StatsAccess(networks(config, Settings.STATS_ALLOW.name(), config.get(Settings.STATS_ALLOW)),
                networks(config, Settings.TRUSTED_PROXIES.name(), config.get(Settings.TRUSTED_PROXIES)));
    }

    /**
     * @param remoteAddr {@code getRemoteAddr()}
     * @param header     the request's header values by name, read only when the socket is a trusted proxy
     */
    public boolean allows(String remoteAddr, Function<String, String> header) {
        try {
            return allowed.isTrusted(proxies.client(remoteAddr, header));
        } catch (TrackerFailure unreadable) {
            return false;
        }
    }

    private static Addresses networks(WebseedConfig config, String name, java.util.List<String> entries) {
        try {
            return new Addresses(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, e.getMessage());
        }
    }
}
