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
 *
 * <pre>
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" org.openjdk.jmh.Main TokenVerify \
 *      -f 1 -wi 2 -i 3 -r 1s -w 1s
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

    @Benchmark
    public String ed25519Issue() {
        return ed25519Issuer.token().subject("order-1234").scope(Scope.path("paid/")).ttl(Duration.ofHours(48))
                .issue().token();
    }
}
