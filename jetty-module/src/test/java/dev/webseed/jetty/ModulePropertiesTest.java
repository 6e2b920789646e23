package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.config.ConfigException;

/** Every {@code webseed.*} Jetty property must name a setting. */
final class ModulePropertiesTest {
    @TempDir
    Path base;

    static String refusal(String name) {
        return assertThrows(ConfigException.class, () -> ModuleProperties.checkNames(List.of(name))).getMessage();
    }

    @Test
    void unknownNamesStopStartUpWithTheNearestKnownName() {
        assertThat(refusal("webseed.numwantmax"),
                is("parameter 'webseed.numwantmax': unknown Jetty module property (did you mean 'webseed.numwantMax'?)"));
        assertThat(refusal("webseed.contentroot"), is(
                "parameter 'webseed.contentroot': unknown Jetty module property (did you mean 'webseed.contentRoot'?)"));
        assertThat(refusal("webseed.CONTEXTPATH"), is(
                "parameter 'webseed.CONTEXTPATH': unknown Jetty module property (did you mean 'webseed.contextPath'?)"));
        assertThat(refusal("webseed.peerTimout"), is(
                "parameter 'webseed.peerTimout': unknown Jetty module property (did you mean 'webseed.peerTimeout'?)"));
        assertThat("no near name: still refused", refusal("webseed.somethingElseEntirely"),
                is("parameter 'webseed.somethingElseEntirely': unknown Jetty module property"));
        assertThat(refusal("webseed."), is("parameter 'webseed.': unknown Jetty module property"));
    }

    @Test
    void knownNamesAndOtherModulesPropertiesPass() {
        assertDoesNotThrow(() -> ModuleProperties.checkNames(List.of("webseed.contentRoot", "webseed.numwantMax",
                "webseed.contextPath", "jetty.http.port", "webseedish.x", "java.version")));
    }

    @Test
    void iniFilesAreReadAsStartJarReadsThem() throws Exception {
        Files.createDirectories(base.resolve("start.d"));
        Files.writeString(base.resolve("start.d/webseed.ini"), """
                # a comment: webseed.numwantmax=5
                --modules=webseed
                webseed.contentRoot=/srv/films
                  webseed.maxRanges = 4
                webseed.corsAllowOrigin+=,https://a.example
                webseed.prehash?=false
                """);
        Files.writeString(base.resolve("start.ini"), "jetty.http.port=8080\n");
        Files.writeString(base.resolve("start.d/other.txt"), "webseed.ignored=1\n");
        assertThat(ModuleProperties.iniNames(base), is(List.of("jetty.http.port", "webseed.contentRoot",
                "webseed.maxRanges", "webseed.corsAllowOrigin", "webseed.prehash")));
    }

    @Test
    void theCommandLineAndStartJarsPropertiesFileAreRead() throws Exception {
        Path props = Files.writeString(base.resolve("start_123.properties"), "webseed.numwantmax=5\n");
        assertThat(ModuleProperties.commandLineNames("/opt/jetty/start.jar webseed.prehash=false --module=x"),
                is(List.of("webseed.prehash")));
        assertThat(ModuleProperties.commandLineNames("org.eclipse.jetty.xml.XmlConfiguration " + props
                + " etc/webseed.xml"), is(List.of("webseed.numwantmax")));
    }
}
