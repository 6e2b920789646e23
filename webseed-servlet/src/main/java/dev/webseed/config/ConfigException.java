package dev.webseed.config;

/** A configuration value that cannot be used; the message names the parameter. */
public final class ConfigException extends IllegalArgumentException {
    private final String parameter;

    public ConfigException(String parameter, String problem) {
        super("parameter '" + parameter + "': " + problem);
        this.parameter = parameter;
    }

    /** The lowerCamelCase name of the offending setting, as written in web.xml. */
    public String parameter() {
        return parameter;
    }
}
