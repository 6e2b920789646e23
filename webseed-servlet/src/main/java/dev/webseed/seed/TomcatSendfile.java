package dev.webseed.seed;

import java.nio.file.Path;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Tomcat's zero-copy path, reached through request attributes only (no Tomcat class is used): when
 * Tomcat sets {@code org.apache.tomcat.sendfile.support} to {@code TRUE}, a servlet that sets the
 * file name, start and end attributes and writes no body gets the span written by the connector
 * with {@code sendfile(2)} after the servlet returns (the contract of Tomcat's {@code Globals}
 * constants, which its own {@code DefaultServlet} follows).
 *
 * <p>Tomcat's own conditions are kept: only when the request and response are Tomcat's own facades
 * (a filter that wrapped either wants to see the bytes, e.g. to count or transform them), and only
 * for spans longer than 48 KiB ({@code DefaultServlet}'s default {@code sendfileSize}: below it,
 * handing the socket to the sendfile poller costs more than the copy saves). Only one span per
 * response: {@code multipart/byteranges} needs part headers between the spans.</p>
 *
 * <p>Bytes are counted when the span is handed to Tomcat ("scheduled"): Tomcat writes after the
 * servlet has returned and tells the application nothing about an aborted sendfile, so an aborted
 * transfer still counts as sent in full. Byte budgets built on these counts err against the client
 * by at most one span per aborted request.</p>
 */
final class TomcatSendfile {
    static final String SUPPORT = "org.apache.tomcat.sendfile.support";
    static final String FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String START = "org.apache.tomcat.sendfile.start";
    static final String END = "org.apache.tomcat.sendfile.end";
    /** Tomcat {@code DefaultServlet}'s default {@code sendfileSize}: 48 KiB. */
    static final long MIN_LENGTH = 48 << 10;

    private static final String REQUEST_FACADE = "org.apache.catalina.connector.RequestFacade";
    private static final String RESPONSE_FACADE = "org.apache.catalina.connector.ResponseFacade";

    private TomcatSendfile() {
    }

    /** True when Tomcat offers sendfile for this exchange and a span of {@code length} bytes is worth it. */
    static boolean usable(HttpServletRequest request, HttpServletResponse response, long length) {
        return length > MIN_LENGTH
                && request.getClass().getName().equals(REQUEST_FACADE)
                && response.getClass().getName().equals(RESPONSE_FACADE)
                && Boolean.TRUE.equals(request.getAttribute(SUPPORT));
    }

    /** Asks Tomcat to write {@code length} bytes of {@code file} from {@code first} (end is exclusive). */
    static void schedule(HttpServletRequest request, Path file, long first, long length) {
        request.setAttribute(FILENAME, file.toString());
        request.setAttribute(START, first);
        request.setAttribute(END, first + length);
    }
}
