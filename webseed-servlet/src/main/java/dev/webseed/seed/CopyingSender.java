package dev.webseed.seed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * Streams files with positional {@link FileChannel} reads into a pooled 64 KiB buffer, so a range
 * of any size costs one buffer and never sits in memory whole (W14). Positional reads
 * leave the channel position alone, so one open channel serves every part of a multipart
 * response. Pad files are written from one shared, never-modified block of zeros.
 */
final class CopyingSender implements ContentSender {
    static final int BUFFER_SIZE = 64 << 10;
    private static final byte[] ZEROS = new byte[BUFFER_SIZE];

    private final BufferPool pool;

    CopyingSender(BufferPool pool) {
        this.pool = pool;
    }

    @Override
    public Session open(Path file, long length, String version) throws IOException {
        try {
            return new FileSession(FileChannel.open(file, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new ContentReadException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** The session of a BEP 47 pad: zeros, whatever sender serves files. */
    static Session zeros() {
        return ZeroSession.INSTANCE;
    }

    private final class FileSession implements Session {
        private final FileChannel channel;

        FileSession(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void send(long offset, long length, OutputStream out, LongConsumer written) throws IOException {
            byte[] buffer = pool.acquire();
            try {
                ByteBuffer wrapped = ByteBuffer.wrap(buffer);
                long position = offset;
                long remaining = length;
                while (remaining > 0) {
                    wrapped.clear().limit((int) Math.min(buffer.length, remaining));
                    int n = read(wrapped, position);
                    out.write(buffer, 0, n);
                    written.accept(n);
                    position += n;
                    remaining -= n;
                }
            } finally {
                pool.release(buffer);
            }
        }

        private int read(ByteBuffer into, long position) throws ContentReadException {
            try {
                int n = channel.read(into, position);
                if (n <= 0) {
                    throw new ContentReadException("file ended at " + position + " while serving (changed on disk?)",
                            null);
                }
                return n;
            } catch (ContentReadException e) {
                throw e;
            } catch (IOException e) {
                throw new ContentReadException("read failed at " + position + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class ZeroSession implements Session {
        static final ZeroSession INSTANCE = new ZeroSession();

        @Override
        public void send(long offset, long length, OutputStream out, LongConsumer written) throws IOException {
            long remaining = length;
            while (remaining > 0) {
                int n = (int) Math.min(ZEROS.length, remaining);
                out.write(ZEROS, 0, n);
                written.accept(n);
                remaining -= n;
            }
        }

        @Override
        public void close() {
        }
    }
}
