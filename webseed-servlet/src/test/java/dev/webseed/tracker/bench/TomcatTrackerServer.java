package dev.webseed.tracker.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import dev.webseed.config.Settings;
import dev.webseed.servlet.TrackerServlet;
import dev.webseed.servlet.WebseedListener;

/**
 * The tracker servlet on embedded Tomcat 10.1 (NIO connector, accept queue 4096), wired like
 * tomcat-example's web.xml, for bench/tracker-bench.sh: the same servlet on the other container we
 * support. Binds 127.0.0.1; prints {@code listening on PORT} once started.
 *
 * <pre>
 * java -cp ... dev.webseed.tracker.bench.TomcatTrackerServer PORT [name=value ...]
 * </pre>
 * The name=value pairs are Webseed settings; {@code trackerOpen=true} is the default here.
 */
public final class TomcatTrackerServer {
    private TomcatTrackerServer() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = start(args.length > 0 ? Integer.parseInt(args[0]) : 0,
                args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : new String[0]);
        tomcat.getServer().await();
    }

    /** Starts Tomcat; the caller stops it. */
    public static Tomcat start(int port, String... settings) throws Exception {
        Path base = Files.createTempDirectory("webseed-tracker-tomcat-");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = tomcat.getConnector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("acceptCount", "4096");
        connector.setProperty("maxKeepAliveRequests", "-1");
        Context context = tomcat.addContext("", Files.createDirectories(base.resolve("docs")).toString());
        context.addParameter(Settings.CONTENT_ROOT.name(), Files.createDirectories(base.resolve("content")).toString());
        context.addParameter(Settings.PREHASH.name(), "false");
        context.addParameter(Settings.TRACKER_OPEN.name(), "true");
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            context.addParameter(setting.substring(0, eq), setting.substring(eq + 1));
        }
        context.addApplicationListener(WebseedListener.class.getName());
        Tomcat.addServlet(context, "tracker", new TrackerServlet());
        context.addServletMappingDecoded("/announce", "tracker");
        context.addServletMappingDecoded("/scrape", "tracker");
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            tomcat.destroy();
            throw e;
        }
        System.out.println("listening on " + connector.getLocalPort());
        return tomcat;
    }
}
