package dev.webseed.shared;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.config.ConfigException;
import dev.webseed.config.WebseedConfig;

/** {@code redisUrl}: empty is this server's memory; set, it needs the module; a bad URL names the setting. */
final class SharedStatesTest {
    @TempDir
    Path dir;

    private WebseedConfig config(String redisUrl) {
        return WebseedConfig.fromParameters(Map.of("contentRoot", dir.toString(), "redisUrl", redisUrl));
    }

    @Test
    void emptyMeansInMemory() {
        assertThat(SharedStates.open(config(""), Clock.systemUTC()).isPresent(), is(false));
    }

    @Test
    void setWithoutTheModuleStopsStartUpNamingTheSetting() {
        // this module's tests have no webseed-redis on the class path
        ConfigException e = assertThrows(ConfigException.class,
                () -> SharedStates.open(config("redis://127.0.0.1:6379/0"), Clock.systemUTC()));
        assertThat(e.getMessage(), containsString("redisUrl"));
        assertThat(e.getMessage(), containsString("webseed-redis module is not on the class path"));
    }

    @Test
    void aUrlThatIsNotRedisIsRefusedAtParse() {
        ConfigException e = assertThrows(ConfigException.class, () -> config("http://127.0.0.1:6379/"));
        assertThat(e.getMessage(), containsString("redisUrl"));
        assertThat(e.getMessage(), containsString("expected redis://host:port/db"));
    }
}
