package dev.webseed.servlet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** The Tomcat tests' one set-up: context {@code /ctx} on 127.0.0.1 and a free port, the listener, {@code /seed/*}. */
final class SeedTomcat {
    private SeedTomcat() {
    }

    /**
     * Configures {@code tomcat} (base folder under {@code base}) with a context over {@code root}
     * whose {@link SeedServlet} is at {@code /seed/*}; the caller adds parameters and starts it.
     */
    static Context context(Tomcat tomcat, Path base, Path root) throws IOException {
        tomcat.setBaseDir(Files.createDirectories(base.resolve("tomcat")).toString());
        Connector connector = tomcat.getConnector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("/ctx", Files.createDirectories(base.resolve("docs")).toString());
        context.addParameter("contentRoot", root.toString());
        context.addParameter("prehash", "false");
        context.addApplicationListener(WebseedListener.class.getName());
        Tomcat.addServlet(context, "seed", new SeedServlet());
        context.addServletMapping("/seed/*", "seed");
        return context;
    }
}
