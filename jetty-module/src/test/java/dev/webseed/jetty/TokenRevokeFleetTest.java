package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.webseed.config.Settings;
import dev.webseed.paygate.DenialReason;
import dev.webseed.paygate.IssuedToken;
import dev.webseed.paygate.Scope;
import dev.webseed.testing.LoopbackPorts;
import dev.webseed.testing.RawGet;
import dev.webseed.testing.RedisServer;

/**
 * {@code token revoke --redis-url}, run once against the real redis-server two servers share: both
 * refuse the token within {@code redisPollInterval} of their injected clock, with the paygate's reason.
 */
@ExtendWith(WorkDirExtension.class)
final class TokenRevokeFleetTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final String PREFIX = "revoke-command:";
    private static final Duration POLL = Settings.REDIS_POLL_INTERVAL.defaultValue().orElseThrow();

    public WorkDir workDir;
    private Fleet fleet;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        fleet = new Fleet(workDir.getEmptyPathDir(), 2, Map.of("redisUrl", REDIS.url(), "redisKeyPrefix", PREFIX));
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
    }

    private IssuedToken token(String subject) {
        return fleet.issuer.token().subject(subject).scope(Scope.path("paid/")).ttl(Duration.ofHours(2)).issue();
    }

    private RawGet get(int node, IssuedToken token) throws Exception {
        return RawGet.get(fleet.node(node).port(), "/seed/t/" + token.token() + "/paid/film.bin", "Range: bytes=0-99");
    }

    private int revoke(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void refusedOnBoth(IssuedToken token) throws Exception {
        for (int node = 0; node < 2; node++) {
            RawGet answer = get(node, token);
            assertThat("server " + node + ": " + answer.head(), answer.status(), is(403));
            assertThat("server " + node, new String(answer.body(), StandardCharsets.UTF_8),
                    containsString(DenialReason.REVOKED.text()));
        }
    }

    @Test
    void revokedOnceInRedis_bothServersRefuseWithinThePollInterval() throws Exception {
        IssuedToken leaked = token("refunded");
        IssuedToken sameBuyer = token("refunded");
        IssuedToken otherBuyer = token("paying");
        for (int node = 0; node < 2; node++) {
            assertThat("served before, server " + node, get(node, leaked).status(), is(206));
        }
        int exit = revoke("token", "revoke", "--token", leaked.token(), "--redis-url", REDIS.url(),
                "--redis-key-prefix", PREFIX);
        assertThat(err.toString(StandardCharsets.UTF_8), exit, is(0));
        assertThat(out.toString(StandardCharsets.UTF_8),
                containsString("revoked: jti " + leaked.claims().tokenId() + " in Redis"));
        fleet.clock.advance(POLL);
        refusedOnBoth(leaked);
        assertThat("another token of the same buyer", get(1, sameBuyer).status(), is(206));

        exit = revoke("token", "revoke", "--subject", "refunded", "--redis-url", REDIS.url(),
                "--redis-key-prefix", PREFIX);
        assertThat(err.toString(StandardCharsets.UTF_8), exit, is(0));
        fleet.clock.advance(POLL);
        refusedOnBoth(sameBuyer);
        for (int node = 0; node < 2; node++) {
            assertThat("other buyers are not touched, server " + node, get(node, otherBuyer).status(), is(206));
        }
    }

    @Test
    void redisAway_nothingRevoked_exitOne() throws Exception {
        int exit = revoke("token", "revoke", "--id", "3f9a0c2e5b7d41a8b6e0f1c2d3e4f5a6", "--redis-url",
                "redis://127.0.0.1:" + LoopbackPorts.free() + "/0");
        assertThat(out.toString(StandardCharsets.UTF_8), exit, is(1));
        assertThat(err.toString(StandardCharsets.UTF_8), containsString("nothing revoked: the Redis of --redis-url"));
    }
}
