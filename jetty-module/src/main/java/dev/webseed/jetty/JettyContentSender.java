package dev.webseed.jetty;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

import dev.webseed.seed.ContentSender;

/**
 * Jetty's fast path for webseed bytes: files are memory-mapped once (in windows of up to 1 GiB, a
 * {@link MappedByteBuffer} holds at most 2 GiB) and each span is handed to Jetty's own {@link
 * HttpOutput#write(ByteBuffer)} as a slice of the mapping. That write bypasses Jetty's aggregation
 * buffer, so the bytes go from the page cache to the socket in one kernel copy ({@code writev} of
 * the response headers and the mapped slice), with no read into the heap and no copy into a
 * temporary direct buffer, which is what a {@code byte[]} copy loop costs twice over.
 *
 * <p>Installed by {@link WebseedServer} as the servlet context attribute {@link
 * ContentSender#ATTRIBUTE}; a Jetty distribution does the same in its context XML:</p>
 * <pre>{@code
 * <Call name="setAttribute">
 *   <Arg>dev.webseed.seed.ContentSender</Arg>
 *   <Arg><New class="dev.webseed.jetty.JettyContentSender"/></Arg>
 * </Call>
 * }</pre>
 *
 * <p>Mappings are cached by real path and entity tag (up to {@value #MAX_FILES} files, dropped
 * {@link #IDLE} after their last use; the unmapping itself is left to the garbage collector, as
 * the JDK offers no other way). A file replaced on disk gets a new entity tag and so a new mapping,
 * while responses in flight finish from the old one. A file truncated in place while mapped is the
 * one case that is not clean: the write fails and the connection is closed, as a short read does
 * on the copying path. When a filter has wrapped the response, its stream is written through a
 * small copy instead, so the filter still sees every byte.</p>
 */
public final class JettyContentSender implements ContentSender {
    /** Largest single mapping. */
    static final int DEFAULT_WINDOW = 1 << 30;
    /** Most bytes handed to Jetty per write, so the byte count of an aborted response stays close. */
    static final int CHUNK = 4 << 20;
    static final int MAX_FILES = 256;
    static final Duration IDLE = Duration.ofSeconds(30);

    private final int window;
    private final Cache<Key, MappedFile> files;
    private final LongAdder directWrites = new LongAdder();

    /** A sender with 1 GiB mapping windows. */
    public JettyContentSender() {
        this(DEFAULT_WINDOW);
    }

    JettyContentSender(int window) {
        if (window <= 0) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.window = window;
        this.files = Caffeine.newBuilder().maximumSize(MAX_FILES).expireAfterAccess(IDLE).build();
    }

    @Override
    public Session open(Path file, long length, String version) throws IOException {
        try {
            return files.get(new Key(file, version), key -> map(key.path(), length));
        } catch (UncheckedIOException e) {
            throw new ContentReadException("cannot map " + file + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** How many chunks were handed to Jetty's own output as mapped buffers (for tests). */
    long directWrites() {
        return directWrites.sum();
    }

    private MappedFile map(Path path, long length) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            if (channel.size() < length) {
                throw new IOException("file is shorter than " + length + " bytes (changed on disk?)");
            }
            int count = (int) ((length + window - 1) / window);
            MappedByteBuffer[] windows = new MappedByteBuffer[count];
            for (int i = 0; i < count; i++) {
                long start = (long) i * window;
                windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(window, length - start));
            }
            return new MappedFile(windows, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Key(Path path, String version) {
    }

    /** One mapped file; shared by every response that sends it, so it holds no per-response state. */
    private final class MappedFile implements Session {
        private final MappedByteBuffer[] windows;
        private final long length;

        MappedFile(MappedByteBuffer[] windows, long length) {
            this.windows = windows;
            this.length = length;
        }

        @Override
        public void send(long offset, long count, OutputStream out, LongConsumer written) throws IOException {
            if (offset < 0 || count < 0 || offset + count > length) {
                throw new ContentReadException("span " + offset + "+" + count + " outside " + length + " bytes", null);
            }
            HttpOutput direct = out instanceof HttpOutput http ? http : null;
            WritableByteChannel copy = direct == null ? Channels.newChannel(out) : null;
            long position = offset;
            long remaining = count;
            while (remaining > 0) {
                int index = (int) (position / window);
                int within = (int) (position - (long) index * window);
                int n = (int) Math.min(Math.min(remaining, CHUNK), window - within);
                ByteBuffer slice = windows[index].slice(within, n);
                if (direct != null) {
                    directWrites.increment(); // before: the client may have the bytes as soon as write returns
                    direct.write(slice);
                } else {
                    while (slice.hasRemaining()) {
                        copy.write(slice);
                    }
                }
                written.accept(n);
                position += n;
                remaining -= n;
            }
        }

        @Override
        public void close() {
            // the mapping is shared and cached: nothing to release per response
        }
    }
}
