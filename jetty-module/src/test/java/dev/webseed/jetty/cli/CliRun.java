package dev.webseed.jetty.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One command run with captured output. */
record CliRun(int exit, String out, String err) {
    interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    static CliRun of(Command command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nout:\n" + out + "err:\n" + err;
    }
}
