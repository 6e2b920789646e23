package dev.webseed.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One named setting: its lowerCamelCase name, how its text is parsed, its default (absent when
 * the setting is optional or derived) and a one-line description for the README, web.xml and the
 * Jetty {@code [ini-template]}.
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {
    private final String name;
    private final Class<T> type;
    private final Function<String, T> parser;
    private final T defaultValue;
    private final String defaultText;
    private final String description;

    Setting(String name, Class<T> type, Function<String, T> parser, T defaultValue, String defaultText,
            String description) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.parser = Objects.requireNonNull(parser);
        this.defaultValue = defaultValue;
        this.defaultText = Objects.requireNonNull(defaultText);
        this.description = Objects.requireNonNull(description);
    }

    /** The web.xml parameter name, e.g. {@code contentRoot}. */
    public String name() {
        return name;
    }

    /** The command-line option, e.g. {@code --content-root}. */
    public String option() {
        return "--" + name.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    /** The Jetty module property, e.g. {@code webseed.contentRoot}. */
    public String property() {
        return "webseed." + name;
    }

    public Class<T> type() {
        return type;
    }

    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The default as documented, e.g. {@code 50} or {@code (derived from the request)}. */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /**
     * Parses a raw value.
     *
     * @throws ConfigException naming this setting when the text is not a valid value
     */
    public T parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        try {
            return parser.apply(trimmed);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException(name, (e.getMessage() == null ? "invalid value" : e.getMessage())
                    + " (was '" + trimmed + "')");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
