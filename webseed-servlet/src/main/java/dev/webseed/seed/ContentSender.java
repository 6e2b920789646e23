package dev.webseed.seed;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * Writes spans of a {@link SeedContent} to a response body. The default, {@link CopyingSender},
 * copies through a small pooled buffer; a container fast path (Tomcat's sendfile request
 * attributes, Jetty's own content sending) can be slotted in here later without touching range or
 * header logic.
 */
interface ContentSender {
    /** Opens the content once per response (a multipart response sends several spans of it). */
    Session open(SeedContent content) throws IOException;

    /** One open content. */
    interface Session extends Closeable {
        /**
         * Writes {@code length} bytes from {@code offset}, calling {@code written} after every chunk
         * the stream accepted, so an abort still leaves an exact count.
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

        ContentReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
