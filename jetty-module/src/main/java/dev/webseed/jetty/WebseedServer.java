package dev.webseed.jetty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.RequestLogWriter;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import dev.webseed.Webseed;
import dev.webseed.config.Setting;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.http.Cors;
import dev.webseed.http.Route;
import dev.webseed.seed.ContentSender;
import dev.webseed.servlet.AccessLogMask;
import dev.webseed.servlet.WebseedListener;

/**
 * The embedded Jetty 12 server: one connector and one ee10 servlet context at {@code /}, wired
 * exactly as the example {@code web.xml} wires a WAR.
 *
 * <ul>
 *   <li>{@link WebseedListener} builds the shared {@link Webseed} from the <em>context
 *   parameters</em>, which are the configuration's explicitly set values written back as text
 *   (the same strings a web.xml would hold), so the embedded server and a WAR go through one code
 *   path, including the strict checks of unknown names and bad values;</li>
 *   <li>the servlets of the {@link Route} table under their mappings ({@code /seed/*},
 *   {@code /torrent/*}, and {@code /announce} and {@code /scrape} when {@code trackerEnabled}; the
 *   tracker sits at the root context so that libtorrent's SSRF rule, which wants a loopback or
 *   LAN tracker path to start with {@code /announce}, is satisfied: docs/protocol.md T6, T7);</li>
 *   <li>a {@link JettyContentSender} in the context attribute {@link ContentSender#ATTRIBUTE}, so
 *   webseed bytes take Jetty's own zero-copy output path.</li>
 * </ul>
 *
 * <p>There is deliberately no {@code GzipHandler}: webseed ranges are offsets into the raw bytes
 * (W6), and the tracker's bencoded replies are tiny.</p>
 *
 * <p>The connector is opened inside {@link #createServer}, before anything starts, so that with
 * port 0 the real port is known and {@code publicUrl} (unless given) can be derived from it before
 * the context reads its parameters. The caller starts the server (Jetty style):</p>
 *
 * <pre>{@code
 * Server server = WebseedServer.createServer("127.0.0.1", 0, config);
 * server.start();
 * URI base = WebseedServer.publicUrl(server);   // http://127.0.0.1:41234/
 * }</pre>
 */
public final class WebseedServer {
    /** The default listening address: loopback, so a first run exposes nothing. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default port of {@code serve}. */
    public static final int DEFAULT_PORT = 8080;

    private WebseedServer() {
    }

    /**
     * A ready-to-start server bound to {@code host:port} (port 0 picks a free port) serving the
     * configuration's content root.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static Server createServer(String host, int port, WebseedConfig config) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(config, "config");
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("webseed");
        Server server = new Server(threads);
        server.setStopAtShutdown(true);
        server.setStopTimeout(Duration.ofSeconds(5).toMillis());
        server.setErrorHandler(new PlainErrorHandler(Cors.from(config)));

        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration()));
        connector.setHost(host);
        connector.setPort(port);
        try {
            connector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.addConnector(connector);

        // no publicUrl unless the operator set one: the torrent endpoint derives it from each request
        // (Host, and X-Forwarded-* from trusted proxies), so a client reaching this server under
        // another name or through a proxy gets URLs it can use
        server.setHandler(context(config));
        return server;
    }

    /**
     * The access log line: NCSA-like, with the request target as {@link AccessLogMask} writes it
     * (paygate tokens masked; {@code -} for a request refused before the context ran). The Jetty
     * distribution's {@code requestlog} module takes the same format (README).
     */
    public static final String ACCESS_LOG_FORMAT = "%{client}a - %u %t \"%m %{" + AccessLogMask.ATTRIBUTE
            + "}attr %H\" %s %O";

    /** An access log appending to {@code file} in {@link #ACCESS_LOG_FORMAT}. */
    public static RequestLog accessLog(Path file) {
        RequestLogWriter writer = new RequestLogWriter(file.toAbsolutePath().toString());
        writer.setAppend(true);
        return new CustomRequestLog(writer, ACCESS_LOG_FORMAT);
    }

    /**
     * The context the server runs: the listener, the context parameters and the servlet mappings
     * of the example web.xml.
     */
    static ServletContextHandler context(WebseedConfig config) {
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.NO_SESSIONS);
        context.setDisplayName("Webseed");
        for (Setting<?> setting : Settings.all()) {
            if (config.isSet(setting)) {
                context.setInitParameter(setting.name(), text(setting, config.get(setting)));
            }
        }
        context.addEventListener(new WebseedListener());
        context.addEventListener(new AccessLogMask());
        // Jetty's zero-copy path for file bytes; the servlet finds it by the interface's name.
        context.setAttribute(ContentSender.ATTRIBUTE, new JettyContentSender());
        // The route table: the servlet names, classes and mappings of tomcat-example's web.xml.
        for (Route route : Route.values()) {
            if (route == Route.TRACKER && !config.get(Settings.TRACKER_ENABLED)) {
                continue;
            }
            ServletHolder holder = new ServletHolder();
            holder.setName(route.servletName());
            holder.setClassName(route.servletClass());
            holder.setInitOrder(1);
            holder.setAsyncSupported(route.asyncSupported());
            for (String pattern : route.urlPatterns()) {
                context.addServlet(holder, pattern);
            }
        }
        return context;
    }

    /**
     * HTTP settings: no {@code Server} or {@code X-Powered-By} header, and the URI compliance
     * described at {@link #URI_COMPLIANCE}.
     */
    static HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setUriCompliance(URI_COMPLIANCE);
        return http;
    }

    /**
     * Jetty's {@link UriCompliance#DEFAULT}: a request target with an ambiguous path ({@code %2F}
     * encoded separators, {@code %25}, {@code ..} segments, path parameters, empty segments) or a
     * bad {@code %} escape is answered 400 by Jetty before any servlet runs. That is the right
     * outcome for webseed paths: the names that would need them ({@code %}, {@code /} inside a
     * name, {@code ;}) are refused at publication (W20), so no legitimate client request
     * contains them, while everything that does occur in published names reaches our servlets:
     * {@code %2B} / {@code %2b} / raw {@code +}, {@code %20}, UTF-8 escapes in either case (W9).
     * {@code WebseedServerTest} pins this list so that a Jetty upgrade cannot change it silently.
     */
    static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT;

    /**
     * The {@code publicUrl} the server's context was given, or else its {@link #listeningUrl}: the
     * base that the start-up lines print and that a client connecting to that address gets.
     */
    public static URI publicUrl(Server server) {
        ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
        String configured = context.getInitParameter(Settings.PUBLIC_URL.name());
        return configured != null ? URI.create(configured) : listeningUrl(server);
    }

    /** The running {@link Webseed} of a started server. */
    public static Webseed webseed(Server server) {
        ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
        Object webseed = context.getServletContext().getAttribute(Webseed.ATTRIBUTE);
        if (!(webseed instanceof Webseed)) {
            throw new IllegalStateException("the server is not started");
        }
        return (Webseed) webseed;
    }

    /** {@code http://host:port/} of the address the connector is bound to (the real port when 0 was asked). */
    public static URI listeningUrl(Server server) {
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        String host = connector.getHost() == null ? "0.0.0.0" : connector.getHost();
        return baseUrl(host, connector.getLocalPort());
    }

    /** The port the server's connector is bound to. */
    public static int localPort(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /**
     * {@code http://host:port/} for a listening address. A wildcard address is no address a
     * client can use, so loopback stands in for it (set {@code --public-url} in that case).
     */
    static URI baseUrl(String host, int port) {
        String h = host;
        if (h.isEmpty() || h.equals("0.0.0.0")) {
            h = DEFAULT_HOST;
        } else if (h.equals("::") || h.equals("[::]")) {
            h = "[::1]";
        } else if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return URI.create("http://" + h + ":" + port + "/");
    }

    /**
     * A setting value written back as the text its parser accepts (the web.xml form); a path is
     * made absolute first, since the context does not share the command line's working folder.
     */
    static <T> String text(Setting<T> setting, Object value) {
        Object v = value instanceof Path path ? path.toAbsolutePath().normalize() : value;
        return setting.format(setting.type().cast(v));
    }
}
