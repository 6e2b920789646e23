package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.metainfo.InfoHash;
import dev.webseed.paygate.TokenClaims;
import dev.webseed.paygate.Access;
import dev.webseed.paygate.DenialReason;
import dev.webseed.stats.Outcome;
import dev.webseed.stats.StatsSnapshot;

/**
 * The webseed behind the paygate: a protected path never returns file bytes without a valid
 * token, whatever is wrong with it; checked on the status, the body and the server's own byte
 * counters (WebseedStats counts bytes actually written).
 */
@ExtendWith(WorkDirExtension.class)
final class PaygateSeedTest {
    WorkDir workDir;
    PaygateFixture origin;

    @BeforeEach
    void start() throws Exception {
        origin = new PaygateFixture(workDir.getEmptyPathDir(), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        origin.close();
    }

    /** Asserts a refusal: 403, short plain text with the reason, CORS, no-store, and not one file byte written. */
    void refused(String target, String reason, String... headers) throws Exception {
        StatsSnapshot before = origin.stats();
        for (String method : new String[] {"GET", "HEAD"}) {
            HttpTester.Response response = origin.request(method, target, headers);
            assertThat(method + " " + target + "\n" + response, response.getStatus(), is(403));
            assertThat("plain text", response.get("Content-Type"), containsString("text/plain"));
            assertThat("CORS on errors too (W17)", response.get("Access-Control-Allow-Origin"), is("*"));
            assertThat("never cached", response.get("Cache-Control"), is("no-store"));
            if (method.equals("GET")) {
                String body = response.getContent();
                assertThat("reason in the body: " + body, body, containsString(reason));
                assertThat("a short reason, not the file", response.getContentBytes().length, lessThan(200));
            }
        }
        StatsSnapshot spent = origin.stats().minus(before);
        assertThat("no file byte written", spent.bytesWritten(), is(0L));
        assertThat("counted as forbidden", spent.requests(Outcome.FORBIDDEN), is(2L));
        assertThat("nothing else", spent.totalRequests(), is(2L));
    }

    @Test
    void aProtectedFileWithoutATokenIs403() throws Exception {
        refused("/seed/paid/film.bin", "a token is required", "Range: bytes=0-999");
        refused("/seed/paid/pack/a.bin", "a token is required");
    }

    @Test
    void aMissingProtectedFileIsAlso403SoNothingLeaksWhatExists() throws Exception {
        refused("/seed/paid/no-such-file.bin", "a token is required");
        refused("/seed/t/" + origin.token("other/") + "/paid/no-such-file.bin", "does not cover");
    }

    @Test
    void aForgedSignatureIs403() throws Exception {
        String token = origin.token("paid/");
        int sig = token.lastIndexOf('.') + 1;
        String forged = token.substring(0, sig) + (token.charAt(sig) == 'A' ? 'B' : 'A') + token.substring(sig + 1);
        refused("/seed/t/" + forged + "/paid/film.bin", "signature is invalid", "Range: bytes=0-999");
    }

    @Test
    void garbageIs403() throws Exception {
        refused("/seed/t/not-a-token/paid/film.bin", "not kid.payload.signature");
    }

    @Test
    void anExpiredTokenIs403() throws Exception {
        String token = origin.issuer.token().subject("buyer").scope(dev.webseed.paygate.Scope.path("paid/"))
                .ttl(Duration.ofHours(1)).issue().token();
        assertThat("works while valid", origin.get("/seed/t/" + token + "/paid/film.bin", "Range: bytes=0-9")
                .getStatus(), is(206));
        origin.clock.advance(Duration.ofHours(1).plusMinutes(6)); // past exp + 5 min skew; grace is off
        refused("/seed/t/" + token + "/paid/film.bin", "token expired", "Range: bytes=0-999");
    }

    @Test
    void aTokenForOtherContentIs403() throws Exception {
        refused("/seed/t/" + origin.token("other/") + "/paid/film.bin", "does not cover this content");
        refused("/seed/t/" + origin.token("paid/pack/") + "/paid/film.bin", "does not cover this content");
    }

    @Test
    void aRevokedTokenIs403AtOnce() throws Exception {
        var issued = origin.issuer.token().subject("buyer").scope(dev.webseed.paygate.Scope.path("paid/"))
                .ttl(Duration.ofHours(48)).issue();
        String url = "/seed/t/" + issued.token() + "/paid/film.bin";
        assertThat("works before", origin.get(url, "Range: bytes=0-9").getStatus(), is(206));
        Files.writeString(origin.revocations, "jti " + issued.claims().tokenId() + "\n");
        Files.setLastModifiedTime(origin.revocations, java.nio.file.attribute.FileTime.from(
                Files.getLastModifiedTime(origin.revocations).toInstant().plusSeconds(5)));
        origin.clock.advance(Duration.ofSeconds(2)); // the list is polled at most once a second
        refused(url, "token revoked", "Range: bytes=0-999");
    }

    @Test
    void aUsedUpBudgetIs403AndChargesBytesActuallyWritten() throws Exception {
        var issued = origin.issuer.token().subject("buyer").scope(dev.webseed.paygate.Scope.path("paid/"))
                .ttl(Duration.ofHours(48)).budget(1500).issue();
        String url = "/seed/t/" + issued.token() + "/paid/film.bin";
        HttpTester.Response first = origin.get(url, "Range: bytes=0-999");
        assertThat(first.toString(), first.getStatus(), is(206));
        assertThat("byte-exact", Arrays.equals(first.getContentBytes(), Arrays.copyOfRange(origin.film, 0, 1000)),
                is(true));
        HttpTester.Response head = origin.request("HEAD", url);
        assertThat("HEAD writes no bytes, so charges none", head.getStatus(), is(200));
        // reserved before sent: exactly the budget, then nothing more (PaygateBudgetTest: in parallel)
        HttpTester.Response second = origin.get(url, "Range: bytes=1000-1499");
        assertThat(second.toString(), second.getStatus(), is(206));
        assertThat("whole range", second.getContentBytes().length, is(500));
        TokenClaims claims = issued.claims();
        assertThat("charged what was written", charged(claims), is(1500L));
        refused(url, "byte budget used up", "Range: bytes=2000-2999");
    }

    /** The bytes charged to a token once the servlet has finished recording ({@link PaygateFixture#stats()}). */
    long charged(TokenClaims claims) throws InterruptedException {
        origin.stats();
        return origin.webseed.paygate().budgets().orElseThrow().used(claims);
    }

    @Test
    void aValidTokenGetsByteExactRangesOfFilesAndFolderFiles() throws Exception {
        String token = origin.token("paid/");
        HttpTester.Response range = origin.get("/seed/t/" + token + "/paid/film.bin", "Range: bytes=1000-5999");
        assertThat(range.toString(), range.getStatus(), is(206));
        assertThat(Arrays.equals(range.getContentBytes(), Arrays.copyOfRange(origin.film, 1000, 6000)), is(true));
        HttpTester.Response whole = origin.get("/seed/t/" + token + "/paid/pack/b.bin");
        assertThat(whole.toString(), whole.getStatus(), is(200));
        assertThat(whole.getContentBytes().length, is(20_000));
    }

    @Test
    void aTokenScopedByTheFolderInfoHashOpensTheFilesInside() throws Exception {
        InfoHash pack = origin.published("paid/pack");
        String token = origin.token(pack.hex());
        HttpTester.Response inside = origin.get("/seed/t/" + token + "/paid/pack/a.bin", "Range: bytes=0-99");
        assertThat(inside.toString(), inside.getStatus(), is(206));
        refused("/seed/t/" + token + "/paid/film.bin", "does not cover");
    }

    @Test
    void freeContentIsServedWithOrWithoutATokenSegment() throws Exception {
        HttpTester.Response plain = origin.get("/seed/free.bin");
        assertThat(plain.toString(), plain.getStatus(), is(200));
        HttpTester.Response withToken = origin.get("/seed/t/" + origin.token("paid/") + "/free.bin");
        assertThat("a valid token on free content is harmless", withToken.getStatus(), is(200));
        HttpTester.Response withGarbage = origin.get("/seed/t/garbage/free.bin");
        assertThat("and is not even checked there", withGarbage.getStatus(), is(200));
        assertThat(Arrays.equals(withGarbage.getContentBytes(), origin.free), is(true));
    }

    @Test
    void theVerdictApiRefusesWithoutAToken() {
        Access access = origin.webseed.paygate().forBytes("paid/film.bin", null);
        assertThat(access.toString(), access.granted(), is(false));
    }

    /**
     * WebTorrent preflights every range request it retries (README "What operators see when a
     * browser holds a bad token"): a preflight is answered from the CORS settings alone and never
     * reaches the paygate, whatever token its path holds.
     */
    @Test
    void aPreflightCostsNoVerification() throws Exception {
        String token = origin.token("paid/");
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");
        Map<DenialReason, Long> before = origin.webseed.denials().snapshot();
        for (int i = 0; i < 3; i++) {
            HttpTester.Response preflight = origin.request("OPTIONS", "/seed/t/" + forged + "/paid/film.bin",
                    "Origin: https://app.example", "Access-Control-Request-Method: GET",
                    "Access-Control-Request-Headers: range");
            assertThat(preflight.toString(), preflight.getStatus(), is(204));
        }
        assertThat("no denial counted for preflights", origin.webseed.denials().snapshot(), is(before));
        assertThat(origin.get("/seed/t/" + forged + "/paid/film.bin").getStatus(), is(403));
        assertThat("the GET is counted", origin.webseed.denials().snapshot().get(DenialReason.BAD_SIGNATURE),
                is(before.get(DenialReason.BAD_SIGNATURE) + 1));
    }
}
