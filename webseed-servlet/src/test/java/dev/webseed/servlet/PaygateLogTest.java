package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.paygate.Scope;
import dev.webseed.paygate.Paygate;

/** Refusals are logged at DEBUG with the reason, the kid and the token id, never the token. */
@ExtendWith(WorkDirExtension.class)
final class PaygateLogTest {
    WorkDir workDir;
    PaygateFixture origin;
    final Logger logger = Logger.getLogger(Paygate.class.getName());
    final List<String> lines = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getLevel() + " " + MessageFormat.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    Level before;

    @BeforeEach
    void start() throws Exception {
        before = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(capture);
        origin = new PaygateFixture(workDir.getEmptyPathDir(), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        logger.removeHandler(capture);
        logger.setLevel(before);
        origin.close();
    }

    @Test
    void aRefusalLogsReasonKidAndTokenIdButNeverTheToken() throws Exception {
        var issued = origin.issuer.token().subject("buyer").scope(Scope.path("other/"))
                .ttl(java.time.Duration.ofHours(1)).issue();
        String token = issued.token();
        assertThat(origin.get("/seed/t/" + token + "/paid/film.bin").getStatus(), is(403));
        assertThat(lines.toString(), lines, hasSize(1));
        String line = lines.get(0);
        assertThat("DEBUG maps to JUL FINE", line, containsString("FINE"));
        assertThat(line, containsString("OUT_OF_SCOPE"));
        assertThat(line, containsString("kid " + issued.claims().keyId()));
        assertThat(line, containsString("token id " + issued.claims().tokenId()));
        String payloadAndSignature = token.substring(token.indexOf('.'));
        assertThat("never the token", line, not(containsString(payloadAndSignature)));
    }

    @Test
    void aForgedTokenHasNoTokenIdToLog() throws Exception {
        assertThat(origin.get("/seed/t/abc.def.ghi/paid/film.bin").getStatus(), is(403));
        assertThat(lines.toString(), lines.get(0), containsString("kid abc, token id unknown"));
        assertThat(lines.get(0), not(containsString("def")));
    }

    @Test
    void nothingIsLoggedAboveDebug() throws Exception {
        logger.setLevel(Level.INFO);
        origin.get("/seed/paid/film.bin");
        assertThat(lines, hasSize(0));
    }
}
