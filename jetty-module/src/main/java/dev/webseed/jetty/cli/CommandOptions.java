package dev.webseed.jetty.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options of the token commands: {@code --name value} or {@code --name=value}, each at most once. */
final class CommandOptions {
    private CommandOptions() {
    }

    /** True when the words ask for the command's help ({@code -h} or {@code --help} anywhere). */
    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The options given, by name, in order.
     *
     * @param known the names the command takes
     * @throws UsageException naming an unknown argument, an option without a value or one given twice
     */
    static Map<String, String> parse(String[] args, List<String> known) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!known.contains(name)) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(name + " needs a value");
            }
            if (options.put(name, value) != null) {
                throw new UsageException(name + " given twice");
            }
        }
        return options;
    }
}
