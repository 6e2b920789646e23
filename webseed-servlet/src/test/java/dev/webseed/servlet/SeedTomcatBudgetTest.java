package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;

import org.apache.catalina.Context;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.Webseed;
import dev.webseed.origin.OriginSnapshot;

/**
 * On Tomcat, a span that would go to sendfile (above 48 KiB, one span) is sent through the
 * scheduler instead while {@code webseedMaxRate} is set: sendfile writes after the servlet returned,
 * out of the budget's reach (in {@link SeedTomcatSendfileTest}'s set-up, without a budget, the same span
 * goes to sendfile). The body stays byte-exact and the bytes are counted as first copies.
 */
final class SeedTomcatBudgetTest {
    private static final String FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final int LENGTH = 1 << 20;

    @TempDir
    Path base;

    @Test
    void aBudgetKeepsTheSpanOffSendfile() throws Exception {
        Path root = Files.createDirectories(base.resolve("root"));
        byte[] data = SeedFixture.bytes(LENGTH, 9);
        Files.write(root.resolve("film.bin"), data);
        BlockingQueue<String> sendfile = new LinkedBlockingQueue<>();
        Tomcat tomcat = new Tomcat();
        Context context = SeedTomcat.context(tomcat, base, root);
        context.addParameter("webseedMaxRate", "50MB");
        ((StandardContext) context).addApplicationEventListener(new ServletRequestListener() {
            @Override
            public void requestDestroyed(ServletRequestEvent event) {
                Object file = event.getServletRequest().getAttribute(FILENAME);
                sendfile.add(file == null ? "-" : file.toString());
            }
        });
        tomcat.start();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", tomcat.getConnector().getLocalPort()), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /ctx/seed/film.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Range: bytes=0-524287\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            HttpTester.Response response = HttpTester.parseResponse(socket.getInputStream());
            assertThat(response.toString(), response.getStatus(), is(206));
            assertThat("SHA-256 of the body", SeedTomcatSendfileTest.sha256(response.getContentBytes()),
                    is(SeedTomcatSendfileTest.sha256(Arrays.copyOfRange(data, 0, 524288))));
            assertThat("Tomcat offered sendfile, the budget declined it", sendfile.poll(10, TimeUnit.SECONDS),
                    is("-"));
            OriginSnapshot snapshot = ((Webseed) context.getServletContext().getAttribute(Webseed.ATTRIBUTE))
                    .origin().snapshot();
            assertThat("sent through the scheduler", snapshot.under("film.bin").firstCopyBytes(), is(524288L));
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
