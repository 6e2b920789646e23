package dev.webseed.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.webseed.range.HttpDate;
import dev.webseed.range.Validators;

/** What one webseed path names: a regular file below the content root, or a BEP 47 pad file. */
sealed interface SeedContent permits SeedContent.FileContent, SeedContent.PadContent {
    /** Length of the representation in bytes. */
    long length();

    /** Strong validators of the representation. */
    Validators validators();

    /** The {@code Last-Modified} field value, formatted once (RFC 9110 §8.8.2), or null when there is none. */
    String lastModifiedHeader();

    /**
     * A regular file, with validators read from one {@code stat}.
     *
     * <p>The entity tag is strong (RFC 9110 §8.8.3) and built from the size, the modification time
     * in nanoseconds and the file key (device and inode on Unix), so it changes whenever the file is
     * replaced or rewritten, which is exactly when a torrent of it would be re-hashed.</p>
     */
    record FileContent(Path path, long length, Validators validators, String lastModifiedHeader)
            implements SeedContent {
        static FileContent of(Path path) throws IOException {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            long size = attrs.size();
            long mtimeNanos = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            Object key = attrs.fileKey();
            String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(mtimeNanos)
                    + (key == null ? "" : "-" + Integer.toHexString(key.hashCode())) + "\"";
            Instant modified = attrs.lastModifiedTime().toInstant();
            return new FileContent(path, size, Validators.of(etag, modified), HttpDate.format(modified));
        }
    }

    /**
     * A BEP 47 pad file: {@code length} zero bytes. Its entity tag depends only on the length (the
     * bytes can never change) and it has no modification time.
     */
    record PadContent(long length) implements SeedContent {
        @Override
        public Validators validators() {
            return Validators.of("\"pad-" + length + "\"", null);
        }

        @Override
        public String lastModifiedHeader() {
            return null;
        }
    }
}
