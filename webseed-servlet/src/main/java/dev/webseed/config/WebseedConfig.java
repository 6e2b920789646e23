package dev.webseed.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, validated configuration: a value for some {@link Settings}, defaults for the rest.
 *
 * <pre>{@code
 * WebseedConfig config = WebseedConfig.builder()
 *         .set(Settings.CONTENT_ROOT, Path.of("/srv/films"))
 *         .parse("numwantMax", "80")
 *         .build();
 * }</pre>
 */
public final class WebseedConfig {
    private final Map<Setting<?>, Object> values;

    private WebseedConfig(Map<Setting<?>, Object> values) {
        this.values = Collections.unmodifiableMap(new IdentityHashMap<>(values));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses named parameters (web.xml, Jetty properties); every name must be a known setting.
     *
     * @throws ConfigException naming the first unknown or invalid parameter
     */
    public static WebseedConfig fromParameters(Map<String, String> parameters) {
        Builder builder = builder();
        parameters.forEach(builder::parse);
        return builder.build();
    }

    /** The value of a setting, or its default. Use {@link #find} for settings without a default. */
    public <T> T get(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new IllegalStateException(setting.name() + " has no value"));
    }

    /** The value of a setting, its default, or empty when neither exists. */
    public <T> Optional<T> find(Setting<T> setting) {
        Object value = values.get(setting);
        return value != null ? Optional.of(setting.type().cast(value)) : setting.defaultValue();
    }

    /** True when the setting was given explicitly rather than defaulted. */
    public boolean isSet(Setting<?> setting) {
        return values.containsKey(setting);
    }

    public Path contentRoot() {
        return get(Settings.CONTENT_ROOT);
    }

    /** {@code cacheDir}, or {@code contentRoot/.webseed} when not set. */
    public Path cacheDir() {
        return find(Settings.CACHE_DIR).orElse(contentRoot().resolve(".webseed"));
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        return builder;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WebseedConfig{");
        values.forEach((k, v) -> sb.append(k.name()).append('=').append(v).append(", "));
        return sb.append('}').toString();
    }

    /** Collects values; {@link #build()} checks that they fit together. */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new IdentityHashMap<>();

        private Builder() {
        }

        public <T> Builder set(Setting<T> setting, T value) {
            values.put(setting, Objects.requireNonNull(value, setting.name()));
            return this;
        }

        /**
         * Parses a value given by name.
         *
         * @throws ConfigException if the name is unknown (with the closest known name) or the value
         *                         invalid
         */
        public Builder parse(String name, String text) {
            Setting<?> setting = Settings.named(name).orElseThrow(() -> unknown(name));
            values.put(setting, setting.parse(text));
            return this;
        }

        public WebseedConfig build() {
            WebseedConfig config = new WebseedConfig(values);
            if (config.find(Settings.CONTENT_ROOT).isEmpty()) {
                throw new ConfigException(Settings.CONTENT_ROOT.name(), "is required");
            }
            if (config.get(Settings.NUMWANT_DEFAULT) > config.get(Settings.NUMWANT_MAX)) {
                throw new ConfigException(Settings.NUMWANT_DEFAULT.name(), "must not exceed numwantMax ("
                        + config.get(Settings.NUMWANT_MAX) + ")");
            }
            if (config.get(Settings.ANNOUNCE_MIN_INTERVAL).compareTo(config.get(Settings.ANNOUNCE_INTERVAL)) > 0) {
                throw new ConfigException(Settings.ANNOUNCE_MIN_INTERVAL.name(),
                        "must not exceed announceInterval (" + config.get(Settings.ANNOUNCE_INTERVAL) + ")");
            }
            return config;
        }

        private static ConfigException unknown(String name) {
            String hint = Settings.closest(name).map(known -> " (did you mean '" + known + "'?)").orElse("");
            return new ConfigException(name, "unknown parameter" + hint);
        }
    }
}
