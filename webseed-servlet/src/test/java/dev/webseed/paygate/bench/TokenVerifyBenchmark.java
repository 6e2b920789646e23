package dev.webseed.paygate.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.HmacKey;
import dev.webseed.paygate.KeyRing;
import dev.webseed.paygate.Scope;
import dev.webseed.paygate.SigningKey;
import dev.webseed.paygate.Target;
import dev.webseed.paygate.TokenIssuer;
import dev.webseed.paygate.TokenVerifier;
import dev.webseed.paygate.Verdict;

/**
 * What a token check costs per request: cold (signature and payload every time, cache off) for
 * Ed25519 and HMAC, and cached (the hot path: one lookup plus time, revocation, scope checks).
 * A refusal too (a browser retrying a forged token): {@code deniedCached} (the
 * refused-token cache on, the default) against {@code deniedUncached} (it off: the signature is
 * checked on every request) and {@code cached} (a grant).
 *
 * <pre>
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" org.openjdk.jmh.Main TokenVerify \
 *      -f 1 -wi 2 -i 3 -r 1s -w 1s
 * java ... org.openjdk.jmh.Main 'TokenVerify.*(cached|denied)' -bm avgt -f 1 -wi 3 -i 5 -r 1s -w 1s
 * </pre>
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenVerifyBenchmark {
    private final Target target = Target.path("paid/film.mkv");
    private TokenVerifier ed25519Cold;
    private TokenVerifier hmacCold;
    private TokenVerifier ed25519Cached;
    private TokenVerifier deniedUncached;
    private String forgedToken;
    private String ed25519Token;
    private String hmacToken;
    private TokenIssuer ed25519Issuer;

    @Setup
    public void setUp() {
        Ed25519PrivateKey ed = Ed25519PrivateKey.generate();
        HmacKey hmac = HmacKey.of(HmacKey.generateSecret());
        ed25519Issuer = TokenIssuer.of(ed);
        ed25519Token = issue(ed);
        hmacToken = issue(hmac);
        KeyRing ring = KeyRing.of(ed.publicKey(), hmac);
        ed25519Cold = TokenVerifier.builder(ring).cacheSize(0).build();
        hmacCold = TokenVerifier.builder(ring).cacheSize(0).build();
        ed25519Cached = TokenVerifier.builder(ring).build();
        deniedUncached = TokenVerifier.builder(ring).deniedCacheSize(0).build();
        // one signature character changed: the kid is known, so the Ed25519 check runs and fails
        int last = ed25519Token.length() - 2;
        forgedToken = ed25519Token.substring(0, last) + (ed25519Token.charAt(last) == 'A' ? 'B' : 'A')
                + ed25519Token.charAt(last + 1);
        refused(ed25519Cached.verify(forgedToken, target));
        refused(deniedUncached.verify(forgedToken, target));
        check(ed25519Cold.verify(ed25519Token, target));
        check(hmacCold.verify(hmacToken, target));
        check(ed25519Cached.verify(ed25519Token, target));
    }

    private static String issue(SigningKey key) {
        return TokenIssuer.of(key).token().subject("order-1234").scope(Scope.path("paid/"))
                .scope(Scope.infoHash(InfoHash.of(new byte[20]))).ttl(Duration.ofHours(48)).budget(3L << 30)
                .issue().token();
    }

    private static void check(Verdict verdict) {
        if (!verdict.isValid()) {
            throw new IllegalStateException("benchmark token refused: " + verdict);
        }
    }

    private static void refused(Verdict verdict) {
        if (!(verdict instanceof Verdict.Denied denied) || !denied.message().contains("signature")) {
            throw new IllegalStateException("forged token not refused for its signature: " + verdict);
        }
    }

    @Benchmark
    public Verdict ed25519Cold() {
        return ed25519Cold.verify(ed25519Token, target);
    }

    @Benchmark
    public Verdict hmacCold() {
        return hmacCold.verify(hmacToken, target);
    }

    @Benchmark
    public Verdict cached() {
        return ed25519Cached.verify(ed25519Token, target);
    }

    /** A forged token again, with the refused-token cache on (the default): one lookup. */
    @Benchmark
    public Verdict deniedCached() {
        return ed25519Cached.verify(forgedToken, target);
    }

    /** A forged token again, with the refused-token cache off: the Ed25519 check every time. */
    @Benchmark
    public Verdict deniedUncached() {
        return deniedUncached.verify(forgedToken, target);
    }

    @Benchmark
    public String ed25519Issue() {
        return ed25519Issuer.token().subject("order-1234").scope(Scope.path("paid/")).ttl(Duration.ofHours(48))
                .issue().token();
    }
}
