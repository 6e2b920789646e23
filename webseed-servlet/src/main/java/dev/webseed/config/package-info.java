/**
 * The configuration vocabulary: one set of lowerCamelCase names ({@link dev.webseed.config.Settings})
 * used as web.xml context/init parameters, as {@code webseed.<name>} Jetty module properties and
 * as {@code --kebab-name} command-line options, parsed strictly into a {@link
 * dev.webseed.config.WebseedConfig}. A bad value or an unknown name fails start-up with a {@link
 * dev.webseed.config.ConfigException} that names the parameter.
 *
 * <p>Keep: {@link dev.webseed.config.Settings} is the one list of names. The README table, the
 * web.xml comment table, the Jetty {@code [ini-template]} and the command-line help are written
 * from it and checked against it by tests, so a setting is added in one place; a misspelt name
 * gets a "did you mean" hint ({@link dev.webseed.config.Settings#closest}); a documented default
 * is the default value formatted, so it cannot drift from the value.</p>
 */
package dev.webseed.config;
