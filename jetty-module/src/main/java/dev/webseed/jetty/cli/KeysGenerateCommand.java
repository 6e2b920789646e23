package dev.webseed.jetty.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.PemKeys;

/**
 * {@code keys generate -o|--output DIR} ({@code --out} too): a new Ed25519 key pair for the paygate. {@code DIR/private.pem}
 * (PKCS#8, mode 600) stays at the shop; {@code DIR/public.pem} (SubjectPublicKeyInfo) goes to every
 * origin as {@code paygatePublicKeys}. Both are the PEM forms {@code openssl genpkey -algorithm
 * ed25519} and {@code openssl pkey -pubout} write. Existing keys are never overwritten.
 */
public final class KeysGenerateCommand {
    static final String USAGE = """
            usage: keys generate -o|--output DIR
              Writes a new Ed25519 key pair for paid tokens:
                DIR/private.pem  the shop's signing key (owner-only); never copy it to an origin
                DIR/public.pem   set paygatePublicKeys (--paygate-public-keys) to it on every origin
              Existing files are not overwritten. To rotate, add the new public key to the origins'
              public.pem (a file may hold several keys), then switch the shop to the new private key.""";

    private KeysGenerateCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the words after {@code keys generate}
     * @return the exit code: 0 done, 1 the files could not be written, 2 bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return 0;
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            boolean output = name.equals("-o") || name.equals("--output") || name.equals("--out");
            if (output && dir == null && eq > 0 && arg.startsWith("--")) {
                dir = Path.of(arg.substring(eq + 1));
            } else if (output && dir == null && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else {
                return usage(err, "unexpected argument '" + arg + "'");
            }
        }
        if (dir == null) {
            return usage(err, "-o/--output DIR is required");
        }
        Path privateFile = dir.resolve("private.pem");
        Path publicFile = dir.resolve("public.pem");
        for (Path existing : List.of(privateFile, publicFile)) {
            if (Files.exists(existing)) {
                err.println("keys generate: " + existing + " exists; not overwriting a key (choose another --output)");
                return 1;
            }
        }
        try {
            Files.createDirectories(dir);
            Ed25519PrivateKey key = Ed25519PrivateKey.generate();
            PemKeys.writePrivateKey(privateFile, key);
            PemKeys.writePublicKeys(publicFile, List.of(key.publicKey()));
            out.println("kid          " + key.kid());
            out.println("private key  " + privateFile + "  (keep at the shop; token issue --private-key)");
            out.println("public key   " + publicFile + "  (paygatePublicKeys on every origin)");
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("keys generate: cannot write the keys: " + e);
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("keys generate: " + problem);
        err.println(USAGE);
        return 2;
    }
}
