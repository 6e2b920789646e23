package dev.webseed.view;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.webseed.config.ConfigException;
import dev.webseed.config.WebseedConfig;

/** The statsAllow rule as a table: client address (no proxy) against the allowed networks. */
final class StatsAccessTest {
    private static StatsAccess rule(String allow) {
        WebseedConfig.Builder b = WebseedConfig.builder().parse("contentRoot", Path.of("/tmp").toString());
        if (allow != null) {
            b.parse("statsAllow", allow);
        }
        return StatsAccess.from(b.build());
    }

    @Test
    void table() {
        StatsAccess loopback = rule(null);
        assertThat(loopback.allows("127.0.0.1", h -> null), is(true));
        assertThat(loopback.allows("127.8.9.10", h -> null), is(true));
        assertThat(loopback.allows("::1", h -> null), is(true));
        assertThat(loopback.allows("::ffff:127.0.0.1", h -> null), is(true));
        assertThat(loopback.allows("192.168.1.2", h -> null), is(false));
        assertThat(loopback.allows("not an address", h -> null), is(false));
        StatsAccess lan = rule("192.168.0.0/16, 2001:db8::/32");
        assertThat(lan.allows("192.168.1.2", h -> null), is(true));
        assertThat(lan.allows("2001:db8::7", h -> null), is(true));
        assertThat(lan.allows("127.0.0.1", h -> null), is(false));
        assertThat("empty: nobody", rule("").allows("127.0.0.1", h -> null), is(false));
    }

    @Test
    void aBadEntryNamesTheSetting() {
        ConfigException e = assertThrows(ConfigException.class, () -> rule("10.0.0.0/33"));
        assertThat(e.getMessage(), containsString("statsAllow"));
    }
}
