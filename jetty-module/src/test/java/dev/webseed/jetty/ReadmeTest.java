package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.webseed.config.Setting;
import dev.webseed.config.Settings;

/**
 * The README's configuration table is {@link Settings#all()} rendered; this test fails when they
 * differ. To rewrite the table after changing Settings:
 * {@code mvn -B -o test -pl jetty-module -am -Dtest=ReadmeTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dwebseed.writeReadme=true}.
 */
final class ReadmeTest {
    static final String BEGIN = "<!-- settings-table:begin (generated from Settings.java by ReadmeTest) -->\n";
    static final String END = "<!-- settings-table:end -->";

    @Test
    void configurationTable_matchesSettings() throws IOException {
        Path readme = readme();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat("README has the table markers", begin >= 0 && end > begin, is(true));
        String expected = table();
        String actual = text.substring(begin + BEGIN.length(), end);
        if (!actual.equals(expected) && Boolean.getBoolean("webseed.writeReadme")) {
            Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end),
                    StandardCharsets.UTF_8);
            actual = expected;
        }
        assertThat("README table is out of date; rerun with -Dwebseed.writeReadme=true", actual, is(expected));
    }

    @Test
    void commands_areTheOnesThatWork() throws IOException {
        String text = Files.readString(readme(), StandardCharsets.UTF_8);
        assertThat("run", text, containsString(
                "mvn -B -q package -DskipTests && java -jar jetty-module/target/webseed-server.jar serve"));
        assertThat("test", text, containsString("bash .ci/run"));
    }

    /** The drop-in steps are the ones JettyDistributionIT and TomcatDistributionIT run. */
    @Test
    void dropInSteps_areTheOnesTheDistributionTestsRun() throws IOException {
        String text = Files.readString(readme(), StandardCharsets.UTF_8);
        String jetty = System.getProperty("webseed.jettyVersion", "12.1.12");
        String tomcat = System.getProperty("webseed.tomcatVersion", "10.1.59");
        for (String step : List.of(
                "curl -LO https://repo1.maven.org/maven2/org/eclipse/jetty/jetty-home/" + jetty + "/jetty-home-"
                        + jetty + ".tar.gz",
                "tar xzf jetty-home-" + jetty + ".tar.gz",
                "export JETTY_HOME=$PWD/jetty-home-" + jetty,
                "unzip ../jetty-module/target/webseed-*-jetty-base.zip",
                "java -jar $JETTY_HOME/start.jar --add-modules=http,webseed",
                "echo \"webseed.contentRoot=/srv/films\" >> start.d/webseed.ini",
                "curl -LO https://repo1.maven.org/maven2/org/apache/tomcat/tomcat/" + tomcat + "/tomcat-" + tomcat
                        + ".tar.gz",
                "tar xzf tomcat-" + tomcat + ".tar.gz && cd apache-tomcat-" + tomcat,
                "rm -rf webapps/ROOT",
                "cp ../tomcat-example/target/webseed.war webapps/ROOT.war",
                "  <Parameter name=\"contentRoot\" value=\"/srv/films\" override=\"false\"/>",
                "bin/catalina.sh run")) {
            assertThat(step, text, containsString("    " + step + "\n"));
        }
    }

    /** The Markdown table: the three spellings of each setting, its default and meaning. */
    static String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| web.xml context parameter | Jetty module property | command line | default | meaning |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Setting<?> s : Settings.all()) {
            sb.append("| `").append(s.name()).append("` | `").append(s.property()).append("` | `").append(s.option())
                    .append("` | ").append(cell(s.defaultText())).append(" | ").append(cell(s.description()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 3 && dir != null; i++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("jetty-module"))) {
                return dir.resolve("README.md");
            }
        }
        throw new AssertionError("no README.md at the repository root above " + Path.of("").toAbsolutePath());
    }
}
