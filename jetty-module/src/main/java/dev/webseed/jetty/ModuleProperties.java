package dev.webseed.jetty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;

/**
 * The Jetty module's check that every {@code webseed.*} property names a setting (Jetty
 * passes only the properties {@code etc/webseed.xml} asks for, so {@code webseed.numwantmax} was
 * silently ignored). Called from {@code etc/webseed.xml} before the context is built; an unknown
 * name stops start-up with a did-you-mean hint, as it does in {@code web.xml} and on the command
 * line.
 *
 * <p>Jetty's XML cannot list the properties it was given, so the check reads where start.jar
 * takes them from: {@code $JETTY_BASE/start.ini} and {@code $JETTY_BASE/start.d/*.ini}, and the
 * JVM's command line ({@code name=value} arguments, and the {@code .properties} file start.jar
 * hands a forked JVM with every property in it).</p>
 */
public final class ModuleProperties {
    static final String PREFIX = "webseed.";
    /** Module properties that are not library settings. */
    static final List<String> MODULE_ONLY = List.of("contextPath");

    private ModuleProperties() {
    }

    /** Checks the properties of a Jetty base and of this JVM's command line. */
    public static void check(String jettyBase) {
        List<String> names = new ArrayList<>();
        if (jettyBase != null && !jettyBase.isBlank()) {
            names.addAll(iniNames(Path.of(jettyBase)));
        }
        names.addAll(commandLineNames(System.getProperty("sun.java.command", "")));
        checkNames(names);
    }

    /** Throws for the first name under {@code webseed.} that is neither a setting nor a module property. */
    static void checkNames(List<String> names) {
        for (String name : names) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String setting = name.substring(PREFIX.length());
            if (Settings.named(setting).isPresent() || MODULE_ONLY.contains(setting)) {
                continue;
            }
            String hint = Settings.closest(setting).or(() -> MODULE_ONLY.stream()
                    .filter(m -> m.equalsIgnoreCase(setting)).findFirst())
                    .map(known -> " (did you mean '" + PREFIX + known + "'?)").orElse("");
            throw new ConfigException(name, "unknown Jetty module property" + hint);
        }
    }

    /** Property names set in {@code start.ini} and {@code start.d/*.ini} ({@code name=}, {@code name+=}, {@code name?=}). */
    static List<String> iniNames(Path base) {
        List<Path> files = new ArrayList<>();
        files.add(base.resolve("start.ini"));
        try (Stream<Path> ini = Files.list(base.resolve("start.d"))) {
            ini.filter(p -> p.toString().endsWith(".ini")).sorted().forEach(files::add);
        } catch (IOException e) {
            // no start.d: nothing to check there
        }
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    nameOf(line.strip()).ifPresent(names::add);
                }
            } catch (IOException e) {
                // absent or unreadable: start.jar would not have read it either
            }
        }
        return names;
    }

    /** Property names among the JVM's arguments, including those in a start.jar {@code .properties} file. */
    static List<String> commandLineNames(String command) {
        List<String> names = new ArrayList<>();
        for (String arg : command.split("\\s+")) {
            if (arg.endsWith(".properties") && Files.isRegularFile(Path.of(arg))) {
                Properties props = new Properties();
                try (InputStream in = Files.newInputStream(Path.of(arg))) {
                    props.load(in);
                    names.addAll(props.stringPropertyNames());
                } catch (IOException e) {
                    // unreadable: start.jar's own loading fails louder
                }
            } else {
                nameOf(arg).ifPresent(names::add);
            }
        }
        return names;
    }

    private static java.util.Optional<String> nameOf(String assignment) {
        if (assignment.isEmpty() || assignment.startsWith("#") || assignment.startsWith("-")) {
            return java.util.Optional.empty();
        }
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            return java.util.Optional.empty();
        }
        String name = assignment.substring(0, eq);
        if (name.endsWith("+") || name.endsWith("?")) {
            name = name.substring(0, name.length() - 1);
        }
        return java.util.Optional.of(name.strip());
    }
}
