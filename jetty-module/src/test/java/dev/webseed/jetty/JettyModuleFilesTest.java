package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.webseed.config.Setting;
import dev.webseed.config.Settings;
import dev.webseed.http.Route;

/**
 * The Jetty module's {@code [ini-template]} and the context parameters of {@code etc/webseed.xml}
 * are {@link Settings#all()} rendered; this test fails when they drift apart. To rewrite both
 * after changing Settings: {@code mvn -B -o test -pl jetty-module -am -Dtest=JettyModuleFilesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dwebseed.writeModule=true}.
 */
final class JettyModuleFilesTest {
    static final Path MOD = Path.of("src", "main", "config", "modules", "webseed.mod");
    static final Path XML = Path.of("src", "main", "config", "etc", "webseed.xml");
    static final String INI_TEMPLATE = "[ini-template]\n";
    static final String XML_BEGIN = "<!-- settings:begin (generated from Settings.java by JettyModuleFilesTest) -->\n";
    static final String XML_END = "          <!-- settings:end -->";

    @Test
    void iniTemplate_documentsEverySetting() throws IOException {
        String mod = Files.readString(MOD, StandardCharsets.UTF_8);
        int begin = mod.indexOf(INI_TEMPLATE);
        assertThat("webseed.mod has an [ini-template]", begin >= 0, is(true));
        String actual = mod.substring(begin + INI_TEMPLATE.length());
        String expected = iniTemplate();
        if (!actual.equals(expected) && Boolean.getBoolean("webseed.writeModule")) {
            Files.writeString(MOD, mod.substring(0, begin + INI_TEMPLATE.length()) + expected, StandardCharsets.UTF_8);
            actual = expected;
        }
        assertThat("[ini-template] is out of date; rerun with -Dwebseed.writeModule=true", actual, is(expected));
    }

    @Test
    void xml_passesEverySettingAsContextParameter() throws IOException {
        String xml = Files.readString(XML, StandardCharsets.UTF_8);
        int begin = xml.indexOf(XML_BEGIN);
        int end = xml.indexOf(XML_END);
        assertThat("webseed.xml has the settings markers", begin >= 0 && end > begin, is(true));
        String actual = xml.substring(begin + XML_BEGIN.length(), end);
        String expected = xmlParameters();
        if (!actual.equals(expected) && Boolean.getBoolean("webseed.writeModule")) {
            Files.writeString(XML, xml.substring(0, begin + XML_BEGIN.length()) + expected + xml.substring(end),
                    StandardCharsets.UTF_8);
            actual = expected;
        }
        assertThat("webseed.xml parameters are out of date; rerun with -Dwebseed.writeModule=true", actual,
                is(expected));
    }

    @Test
    void template_isAllCommentsAndNoPropertyHasADefaultInXml() throws IOException {
        for (String line : iniTemplate().split("\n")) {
            assertThat("every template line is a comment or blank", line.isEmpty() || line.startsWith("#"), is(true));
        }
        // <Property name="webseed.x" default="..."/> would pass a value the operator never chose and
        // hide the library's own default (and its "derived" defaults such as publicUrl).
        String xml = Files.readString(XML, StandardCharsets.UTF_8);
        for (Setting<?> setting : Settings.all()) {
            assertThat(setting.name(), xml, containsString("<Property name=\"" + setting.property() + "\"/>"));
        }
        assertThat("only our own lib folder is on the ee10 classpath", Files.readString(MOD),
                containsString("[lib]\nlib/webseed/*.jar\n\n"));
    }

    /** The masked request log module uses the embedded server's access log format (one format). */
    @Test
    void requestlogModule_usesTheEmbeddedAccessLogFormat() throws IOException {
        String mod = Files.readString(Path.of("src", "main", "config", "modules", "webseed-requestlog.mod"),
                StandardCharsets.UTF_8);
        assertThat(mod, containsString("\njetty.requestlog.formatString=" + WebseedServer.ACCESS_LOG_FORMAT + "\n"));
    }

    /**
     * The module wires the same listener, servlets and mappings as the example WAR's web.xml, and
     * both are the {@link Route} table written out: same names, classes and URL patterns, no more.
     */
    @Test
    void xmlWiring_isTheWebXmlWiringAndTheRouteTable() throws IOException {
        String xml = Files.readString(XML, StandardCharsets.UTF_8);
        String webXml = Files.readString(Path.of("..", "tomcat-example", "src", "main", "webapp", "WEB-INF",
                "web.xml"), StandardCharsets.UTF_8);
        assertThat("servlet and listener classes", classes(xml), is(classes(webXml)));
        Set<String> routeClasses = new TreeSet<>();
        routeClasses.add(Route.LISTENER_CLASS);
        routeClasses.add(Route.ACCESS_LOG_LISTENER_CLASS);
        Set<String> jettyWiring = new TreeSet<>();
        Set<String> webXmlWiring = new TreeSet<>();
        Set<String> routeWiring = new TreeSet<>();
        for (Route route : Route.values()) {
            routeClasses.add(route.servletClass());
            assertThat(route.servletClass(), xml, containsString("<Set name=\"name\">" + route.servletName()
                    + "</Set>\n            <Set name=\"className\">" + route.servletClass() + "</Set>"));
            assertThat(route.servletClass(), webXml, containsString("<servlet-name>" + route.servletName()
                    + "</servlet-name>\n    <servlet-class>" + route.servletClass() + "</servlet-class>"));
            String holder = xml.substring(xml.indexOf("<Set name=\"name\">" + route.servletName() + "</Set>"));
            holder = holder.substring(0, holder.indexOf("</New>"));
            String servlet = webXml.substring(webXml.indexOf("<servlet-name>" + route.servletName() + "</servlet-name>"));
            servlet = servlet.substring(0, servlet.indexOf("</servlet>"));
            assertThat(route + " async in webseed.xml", holder.contains("<Set name=\"asyncSupported\">true</Set>"),
                    is(route.asyncSupported()));
            assertThat(route + " async in web.xml", servlet.contains("<async-supported>true</async-supported>"),
                    is(route.asyncSupported()));
            for (String pattern : route.urlPatterns()) {
                routeWiring.add(route.servletName() + " " + pattern);
            }
        }
        assertThat("classes of the route table", classes(xml), is(routeClasses));
        Matcher jetty = Pattern.compile("<Call name=\"addServlet\"><Arg><Ref refid=\"(\\w+)\"/></Arg><Arg(?: type=\"String\")?>([^<]*)</Arg>")
                .matcher(xml);
        while (jetty.find()) {
            String holder = xml.substring(xml.indexOf("id=\"" + jetty.group(1) + "\""));
            Matcher name = Pattern.compile("<Set name=\"name\">(\\w+)</Set>").matcher(holder);
            assertThat("holder " + jetty.group(1) + " has a name", name.find(), is(true));
            jettyWiring.add(name.group(1) + " " + jetty.group(2));
        }
        Matcher mapping = Pattern.compile("<servlet-mapping>\\s*<servlet-name>(\\w+)</servlet-name>((?:\\s*<url-pattern>"
                + "[^<]*</url-pattern>)+)\\s*</servlet-mapping>").matcher(webXml);
        while (mapping.find()) {
            Matcher pattern = Pattern.compile("<url-pattern>([^<]*)</url-pattern>").matcher(mapping.group(2));
            while (pattern.find()) {
                webXmlWiring.add(mapping.group(1) + " " + pattern.group(1));
            }
        }
        assertThat("etc/webseed.xml mappings are the route table", jettyWiring, is(routeWiring));
        assertThat("web.xml mappings are the route table", webXmlWiring, is(routeWiring));
    }

    private static Set<String> classes(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("dev\\.webseed\\.servlet\\.\\w+").matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The {@code [ini-template]} section: the context path, then one entry per setting. */
    static String iniTemplate() {
        StringBuilder sb = new StringBuilder();
        sb.append("## Webseed settings. Uncomment a line and edit it; a commented or empty value means the\n")
                .append("## default. The names without \"webseed.\" are the web.xml context parameters.\n\n");
        sb.append("## Context path of the webseed context. At / the tracker is at /announce, the path\n")
                .append("## libtorrent's SSRF rule wants for loopback and LAN trackers.\n")
                .append("# webseed.contextPath=/\n");
        for (Setting<?> setting : Settings.all()) {
            sb.append('\n');
            for (String line : Settings.wrap(setting.description(), 95)) {
                sb.append("## ").append(line).append('\n');
            }
            String value = setting.defaultText();
            if (setting == Settings.CONTENT_ROOT) {
                sb.append("## Required.\n");
                value = "/srv/webseed";
            } else if (value.startsWith("(")) {
                sb.append("## Default: ").append(value, 1, value.length() - 1).append(".\n");
                value = "";
            }
            sb.append("# ").append(setting.property()).append('=').append(value).append('\n');
        }
        return sb.toString();
    }

    /** One {@code setInitParameter} call per setting, the property without a default. */
    static String xmlParameters() {
        StringBuilder sb = new StringBuilder();
        for (Setting<?> setting : Settings.all()) {
            sb.append("          <Call name=\"setInitParameter\"><Arg>").append(setting.name())
                    .append("</Arg><Arg><Property name=\"").append(setting.property()).append("\"/></Arg></Call>\n");
        }
        return sb.toString();
    }
}
