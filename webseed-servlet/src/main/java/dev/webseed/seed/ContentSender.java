package dev.webseed.seed;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Writes spans of a served file to a response body: the seam where a container's own fast path
 * plugs in without this library depending on the container (docs/design.md "Container-specific fast
 * paths").
 *
 * <p>The default copies through a small pooled buffer. An embedding server may install another
 * implementation by putting an instance into the servlet context attribute named {@link
 * #ATTRIBUTE} (this interface's name) before the webseed servlet initialises; Jetty's embedded
 * server does so with {@code dev.webseed.jetty.JettyContentSender}, which hands memory-mapped file
 * slices to Jetty. An implementation must write exactly the bytes asked for, to the stream it is
 * given (a filter may have wrapped the response), and must be safe for concurrent use.</p>
 *
 * <p>Tomcat needs no sender: its sendfile request attributes are used directly by the service
 * when Tomcat offers them.</p>
 */
public interface ContentSender {
    /** The servlet context attribute that holds an installed sender: {@code dev.webseed.seed.ContentSender}. */
    String ATTRIBUTE = ContentSender.class.getName();

    /**
     * Opens a regular file once per response (a multipart response sends several spans of it).
     *
     * @param file    the real path of the file
     * @param length  its length when it was looked up
     * @param version its entity tag: changes whenever the file is replaced or rewritten, so it may
     *                key a cache of open channels or mappings
     * @throws ContentReadException when the file cannot be opened (a cause of {@link
     *                              java.nio.file.NoSuchFileException} means it was deleted)
     */
    Session open(Path file, long length, String version) throws IOException;

    /**
     * Asked before a container writes a span itself after the servlet returns (Tomcat's sendfile),
     * so the span never passes through a {@link Session}. A sender that must see every byte as it
     * goes (pacing, per-chunk budgets) answers false and the span is sent through a session; one
     * that only counts accounts for the span here and answers true. The plain senders answer true.
     *
     * @param file    the real path of the file
     * @param length  its length when it was looked up
     * @param version its entity tag
     * @param offset  the first byte of the span
     * @param span    the span's length
     */
    default boolean mayHandOff(Path file, long length, String version, long offset, long span) {
        return true;
    }

    /** One open file. */
    interface Session extends Closeable {
        /**
         * Writes {@code length} bytes from {@code offset}, calling {@code written} after every chunk
         * the stream accepted, so an abort still leaves a count exact to one chunk.
         *
         * @throws ContentReadException when the content could not be read (the server's fault)
         * @throws IOException          when writing failed (the client went away)
         */
        void send(long offset, long length, OutputStream out, LongConsumer written) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Reading the content failed or it ended early (the file shrank): not the client's fault. */
    final class ContentReadException extends IOException {
        private static final long serialVersionUID = 1L;

        /** A read failure with its message and cause (may be null). */
        public ContentReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
