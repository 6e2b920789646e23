package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.Webseed;

final class WebseedListenerTest {
    @TempDir
    Path root;
    private Server server;

    private ServletContextHandler context(String... params) {
        server = new Server();
        ServletContextHandler context = new ServletContextHandler("/");
        context.addEventListener(new WebseedListener());
        for (int i = 0; i < params.length; i += 2) {
            context.setInitParameter(params[i], params[i + 1]);
        }
        server.setHandler(context);
        return context;
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void startsTheSharedInstanceAndClosesItOnStop() throws Exception {
        Files.writeString(root.resolve("a.txt"), "a");
        ServletContextHandler context = context("contentRoot", root.toString(), "log4jConfiguration", "x.xml",
                "prehash", "false");
        server.start();
        Object webseed = context.getServletContext().getAttribute(Webseed.ATTRIBUTE);
        assertThat("attribute", webseed, instanceOf(Webseed.class));
        assertThat("root", ((Webseed) webseed).config().contentRoot(), is(root));
        server.stop();
        assertThat("removed on stop", context.getServletContext().getAttribute(Webseed.ATTRIBUTE), nullValue());
    }

    @Test
    void aMisspeltParameterFailsStartUpNamingIt() {
        context("contentroot", root.toString());
        Exception e = assertThrows(Exception.class, server::start);
        assertThat(e.toString(), rootCause(e).getMessage(),
                containsString("parameter 'contentroot': unknown parameter (did you mean 'contentRoot'?)"));
    }

    @Test
    void aBadValueFailsStartUpNamingIt() {
        context("contentRoot", root.toString(), "numwantMax", "many");
        Exception e = assertThrows(Exception.class, server::start);
        assertThat(e.toString(), rootCause(e).getMessage(), containsString("parameter 'numwantMax'"));
    }

    @Test
    void aMissingRootFailsStartUpNamingIt() {
        context("contentRoot", root.resolve("nope").toString());
        Exception e = assertThrows(Exception.class, server::start);
        assertThat(e.toString(), e.toString() + rootCause(e).getMessage(), containsString("does not exist"));
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
