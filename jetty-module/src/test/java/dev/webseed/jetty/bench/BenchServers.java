package dev.webseed.jetty.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.jetty.WebseedServer;
import dev.webseed.seed.ContentSender;
import dev.webseed.servlet.SeedServlet;
import dev.webseed.servlet.WebseedListener;

/**
 * The Java servers of {@code bench/webseed-bench.sh}, one per process, on 127.0.0.1:
 *
 * <pre>
 * java -cp ... dev.webseed.jetty.bench.BenchServers MODE PORT CONTENT_DIR
 *   webseed-jetty        our servlet on the embedded Jetty (JettyContentSender installed), /seed/NAME
 *   webseed-jetty-copy   the same without the Jetty sender (the portable copying path), /seed/NAME
 *   jetty-default        Jetty 12's own ee10 DefaultServlet (ResourceServlet), default settings
 *                        plus acceptRanges, /NAME
 *   webseed-tomcat       our servlet on embedded Tomcat (NIO connector, sendfile on), /seed/NAME
 * </pre>
 *
 * Prints {@code ready MODE PORT} once serving; runs until killed.
 */
public final class BenchServers {
    private BenchServers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BenchServers webseed-jetty|webseed-jetty-copy|jetty-default|webseed-tomcat "
                    + "PORT CONTENT_DIR");
            System.exit(2);
        }
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]).toAbsolutePath();
        switch (mode) {
            case "webseed-jetty":
            case "webseed-jetty-copy":
                webseedJetty(port, dir, mode.endsWith("-copy"));
                break;
            case "jetty-default":
                jettyDefault(port, dir);
                break;
            case "webseed-tomcat":
                webseedTomcat(port, dir);
                break;
            default:
                System.err.println("unknown mode " + mode);
                System.exit(2);
        }
        System.out.println("ready " + mode + " " + port);
        Thread.currentThread().join();
    }

    private static WebseedConfig config(Path dir) {
        return WebseedConfig.builder().set(Settings.CONTENT_ROOT, dir).set(Settings.PREHASH, false)
                .set(Settings.TRACKER_ENABLED, false).build();
    }

    private static void webseedJetty(int port, Path dir, boolean copying) throws Exception {
        Server server = WebseedServer.createServer("127.0.0.1", port, config(dir));
        if (copying) {
            server.getDescendant(ServletContextHandler.class).removeAttribute(ContentSender.ATTRIBUTE);
        }
        server.start();
    }

    /** Jetty's own static file serving, on the same Jetty and HTTP settings as ours. */
    private static void jettyDefault(int port, Path dir) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetty-default");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.NO_SESSIONS);
        context.setBaseResourceAsPath(dir);
        ServletHolder holder = new ServletHolder("default", DefaultServlet.class);
        holder.setInitParameter("acceptRanges", "true");
        holder.setInitParameter("dirAllowed", "false");
        context.addServlet(holder, "/");
        server.setHandler(context);
        server.start();
    }

    /** Our servlet on embedded Tomcat, wired like tomcat-example's web.xml. */
    private static void webseedTomcat(int port, Path dir) throws Exception {
        Path base = Files.createTempDirectory("webseed-bench-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = tomcat.getConnector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxKeepAliveRequests", "-1");
        Context context = tomcat.addContext("", Files.createDirectories(base.resolve("docs")).toString());
        context.addParameter(Settings.CONTENT_ROOT.name(), dir.toString());
        context.addParameter(Settings.PREHASH.name(), "false");
        context.addParameter(Settings.TRACKER_ENABLED.name(), "false");
        context.addApplicationListener(WebseedListener.class.getName());
        Tomcat.addServlet(context, "seed", new SeedServlet());
        context.addServletMapping("/seed/*", "seed");
        tomcat.start();
    }
}
