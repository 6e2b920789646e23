package dev.webseed.tracker.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import dev.webseed.servlet.TrackerServlet;
import dev.webseed.servlet.WebseedListener;

/**
 * A self-contained embedded Jetty with only the tracker servlet, for bench/tracker-bench.sh and
 * manual interop runs. Binds 127.0.0.1; prints {@code listening on PORT} once started.
 *
 * <pre>
 * java -cp ... dev.webseed.tracker.bench.TrackerServer PORT [name=value ...]
 * java -cp ... dev.webseed.tracker.bench.TrackerServer PORT --floor
 * </pre>
 * The name=value pairs are Webseed settings ({@code trackerOpen=true} is the default here;
 * {@code numwantMax}, {@code announceInterval}, ...). The content root is a fresh temp folder.
 */
public final class TrackerServer {
    private TrackerServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        String[] rest = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[0];
        Server server = rest.length == 1 && rest[0].equals("--floor") ? startFloor(port) : start(port, rest);
        server.join();
    }

    /**
     * Jetty's floor on this machine: the same connector and thread pool answering every request
     * with one fixed, tracker-shaped bencoded body from a non-blocking handler, with no servlet
     * layer and no tracker. bench/tracker-bench.sh runs it beside the tracker so the report
     * separates what Jetty's connection handling costs from what our servlet and tracker add.
     */
    public static Server startFloor(int port) throws Exception {
        Server server = newServer();
        ServerConnector connector = connector(server, port);
        byte[] body = "d8:completei1e10:incompletei0e8:intervali1800e5:peers0:e".getBytes(StandardCharsets.US_ASCII);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
        System.out.println("listening on " + connector.getLocalPort());
        return server;
    }

    /** Starts the server; the caller stops it. */
    public static Server start(int port, String... settings) throws Exception {
        Path root = Files.createTempDirectory("webseed-tracker-");
        root.toFile().deleteOnExit();
        Server server = newServer();
        ServerConnector connector = connector(server, port);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setInitParameter("contentRoot", root.toString());
        context.setInitParameter("trackerOpen", "true");
        context.setInitParameter("prehash", "false");
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            context.setInitParameter(setting.substring(0, eq), setting.substring(eq + 1));
        }
        context.addEventListener(new WebseedListener());
        context.addServlet(TrackerServlet.class, "/announce").setAsyncSupported(true);
        context.addServlet(TrackerServlet.class, "/scrape").setAsyncSupported(true);
        server.setHandler(context);
        if (Boolean.getBoolean("webseed.requestLog")) { // -Dwebseed.requestLog=true: NCSA lines on stderr
            server.setRequestLog(new CustomRequestLog(new Slf4jRequestLogWriter(),
                    CustomRequestLog.EXTENDED_NCSA_FORMAT));
        }
        server.start();
        System.out.println("listening on " + connector.getLocalPort());
        return server;
    }

    // thread pool, acceptors and selectors are Jetty's defaults unless set
    // (-Dwebseed.bench.maxThreads, .acceptors, .selectors)
    private static Server newServer() {
        return new Server(new QueuedThreadPool(Integer.getInteger("webseed.bench.maxThreads", 200)));
    }

    private static ServerConnector connector(Server server, int port) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, Integer.getInteger("webseed.bench.acceptors", -1),
                Integer.getInteger("webseed.bench.selectors", -1), new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        return connector;
    }
}
