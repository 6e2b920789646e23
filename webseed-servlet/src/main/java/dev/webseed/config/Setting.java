package dev.webseed.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One named setting: its lowerCamelCase name, how its text is parsed and a value formatted back
 * to text, its default (absent when the setting is optional or derived) and a one-line
 * description for the README, web.xml and the Jetty {@code [ini-template]}.
 *
 * <p>The documented default is the default value formatted, so it cannot drift from the value;
 * only a default that is not a value (optional, derived, machine-dependent) has a placeholder in
 * parentheses instead, such as {@code (number of cores)}.</p>
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {
    private final String name;
    private final Class<T> type;
    private final Function<String, T> parser;
    private final Function<? super T, String> formatter;
    private final T defaultValue;
    private final String placeholder;
    private final String description;

    /**
     * @param placeholder null when the default is a value (its text is then formatted from it),
     *                    else a parenthesised phrase saying what happens without the setting
     */
    Setting(String name, Class<T> type, Function<String, T> parser, Function<? super T, String> formatter,
            T defaultValue, String placeholder, String description) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.parser = Objects.requireNonNull(parser);
        this.formatter = Objects.requireNonNull(formatter);
        this.defaultValue = defaultValue;
        this.placeholder = placeholder;
        this.description = Objects.requireNonNull(description);
        if (placeholder == null ? defaultValue == null : !(placeholder.startsWith("(") && placeholder.endsWith(")"))) {
            throw new IllegalArgumentException(name + ": a default is a value or a placeholder in parentheses, "
                    + "was " + (placeholder == null ? "neither" : "'" + placeholder + "'"));
        }
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
        return placeholder != null ? placeholder : format(defaultValue);
    }

    /** A value as the text {@link #parse} reads back to an equal value, e.g. {@code 30m} or {@code auto}. */
    public String format(T value) {
        return formatter.apply(Objects.requireNonNull(value));
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
