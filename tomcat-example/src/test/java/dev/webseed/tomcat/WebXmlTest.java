package dev.webseed.tomcat;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.webseed.config.Setting;
import dev.webseed.config.Settings;
import dev.webseed.http.Route;

/**
 * The example web.xml documents every setting in a comment table (name, meaning, [default]) in the
 * style of Tomcat's own {@code conf/web.xml}; the table is {@link Settings#all()} rendered and this
 * test fails when they drift apart. To rewrite it after changing Settings: {@code mvn -B -o test
 * -pl tomcat-example -am -Dtest=WebXmlTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dwebseed.writeWebXml=true}.
 */
final class WebXmlTest {
    static final Path WEB_XML = Path.of("src", "main", "webapp", "WEB-INF", "web.xml");
    static final String BEGIN = "<!-- settings-table:begin (generated from Settings.java by WebXmlTest) -->\n";
    static final String END = "  <!-- settings-table:end -->";
    static final int NAME_WIDTH = 25;

    @Test
    void parameterTable_matchesSettings() throws IOException {
        String xml = Files.readString(WEB_XML, StandardCharsets.UTF_8);
        int begin = xml.indexOf(BEGIN);
        int end = xml.indexOf(END);
        assertThat("web.xml has the table markers", begin >= 0 && end > begin, is(true));
        String actual = xml.substring(begin + BEGIN.length(), end);
        String expected = table();
        if (!actual.equals(expected) && Boolean.getBoolean("webseed.writeWebXml")) {
            Files.writeString(WEB_XML, xml.substring(0, begin + BEGIN.length()) + expected + xml.substring(end),
                    StandardCharsets.UTF_8);
            actual = expected;
        }
        assertThat("web.xml table is out of date; rerun with -Dwebseed.writeWebXml=true", actual, is(expected));
    }

    @Test
    void contextParams_areKnownSettingsAndTheWiringIsExplicit() throws IOException {
        String xml = Files.readString(WEB_XML, StandardCharsets.UTF_8);
        Matcher names = Pattern.compile("<param-name>([^<]*)</param-name>").matcher(xml);
        int count = 0;
        while (names.find()) {
            assertThat(names.group(1), Settings.named(names.group(1)).isPresent(), is(true));
            count++;
        }
        assertThat("the WAR sets its own contentRoot", count, is(1));
        assertThat("Servlet 6.0 schema (Tomcat 10.1 and 11)", xml, containsString("web-app_6_0.xsd\"\n"
                + "         version=\"6.0\"\n"));
        assertThat("no hidden registration", xml, containsString("metadata-complete=\"true\">"));
        assertThat("no web-fragments", xml, containsString("<absolute-ordering/>"));
        for (String wiring : List.of("<listener-class>dev.webseed.servlet.WebseedListener</listener-class>",
                "<url-pattern>/seed/*</url-pattern>", "<url-pattern>/torrent/*</url-pattern>",
                "<url-pattern>/announce</url-pattern>", "<url-pattern>/scrape</url-pattern>")) {
            assertThat(wiring, xml, containsString(wiring));
        }
        for (Route route : Route.values()) { // the route table, written out (JettyModuleFilesTest checks it all)
            assertThat(route.name(), xml, containsString("<servlet-class>" + route.servletClass() + "</servlet-class>"));
            for (String pattern : route.urlPatterns()) {
                assertThat(route.name(), xml, containsString("<url-pattern>" + pattern + "</url-pattern>"));
            }
        }
        String table = table();
        assertThat("no '--' inside the comment table",
                table.substring(table.indexOf('\n'), table.lastIndexOf("  -->")), not(containsString("--")));
    }

    /** The comment table: one entry per setting, wrapped beside its name, the default last. */
    static String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("  <!-- Parameters (context-param here, or <Parameter> in the context XML):\n");
        for (Setting<?> setting : Settings.all()) {
            String defaultText = setting.defaultText();
            if (defaultText.startsWith("(")) {
                defaultText = defaultText.substring(1, defaultText.length() - 1);
            }
            // "--" may not appear inside an XML comment (the PEM armour in a description has it)
            String text = (setting.description() + " [" + defaultText + "]").replaceAll("-{2,}", "-");
            List<String> lines = Settings.wrap(text, 96 - NAME_WIDTH);
            sb.append('\n');
            for (int i = 0; i < lines.size(); i++) {
                String name = i == 0 ? setting.name() : "";
                sb.append("       ").append(name).append(" ".repeat(Math.max(1, NAME_WIDTH - name.length())))
                        .append(lines.get(i)).append('\n');
            }
        }
        sb.append("  -->\n");
        return sb.toString();
    }
}
