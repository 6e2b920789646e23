/**
 * The configuration vocabulary: one set of lowerCamelCase names ({@link dev.webseed.config.Settings})
 * used as web.xml context/init parameters, as {@code webseed.<name>} Jetty module properties and
 * as {@code --kebab-name} command-line options, parsed strictly into a {@link
 * dev.webseed.config.WebseedConfig}. A bad value or an unknown name fails start-up with a {@link
 * dev.webseed.config.ConfigException} that names the parameter.
 */
package dev.webseed.config;
