package dev.webseed.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The gate in front of every test that drives a real BitTorrent client.
 *
 * <p>The system property {@code webseed.interop} (set by Maven from the property of the same
 * name) decides what a missing client means: {@code auto} (developer default) skips the test and
 * says so on standard output; {@code required} (CI) fails it; {@code off} skips every interop
 * test.</p>
 */
public final class Interop {
    private Interop() {
    }

    public static String mode() {
        return System.getProperty("webseed.interop", "auto").toLowerCase(Locale.ROOT);
    }

    /** The executable on the PATH (or an absolute path), or the test is skipped/failed as above. */
    public static Path require(String executable, String why) {
        if (mode().equals("off")) {
            Assumptions.abort("interop tests are off (-Dwebseed.interop=off)");
        }
        Optional<Path> found = find(executable);
        if (found.isPresent()) {
            return found.get();
        }
        return missing(executable + " (" + why + ")");
    }

    /** Fails or skips for a missing prerequisite that is not a single executable. */
    public static <T> T missing(String what) {
        String message = "interop prerequisite missing: " + what + "; .ci/run installs it";
        if (mode().equals("required")) {
            return Assertions.fail(message);
        }
        System.out.println("SKIPPED " + message);
        Assumptions.abort(message);
        return null;
    }

    public static Optional<Path> find(String executable) {
        Path direct = Path.of(executable);
        if (direct.isAbsolute()) {
            return Files.isExecutable(direct) ? Optional.of(direct) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        return Stream.of(path.split(":")).map(dir -> Path.of(dir, executable)).filter(Files::isExecutable)
                .findFirst();
    }
}
