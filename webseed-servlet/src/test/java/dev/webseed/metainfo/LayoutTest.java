package dev.webseed.metainfo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WorkDirExtension.class)
final class LayoutTest {
    WorkDir workDir;

    @Test
    void aFileIsASingleFileTorrent() throws IOException {
        Path file = write(workDir.getEmptyPathDir().resolve("film.mkv"), 1234);
        Layout layout = Layout.scan(file, p -> true);
        assertThat("name", layout.name(), is("film.mkv"));
        assertThat("single", layout.multiFile(), is(false));
        assertThat("length", layout.totalLength(), is(1234L));
        assertThat("path", layout.files().get(0).path(), is(List.of("film.mkv")));
    }

    @Test
    void aFolderListsEveryVisibleFileInRawBytePathOrder() throws IOException {
        Path dir = workDir.getEmptyPathDir().resolve("multi");
        write(dir.resolve("a b/f"), 1);
        write(dir.resolve("a/f"), 2);
        write(dir.resolve("a-c/f"), 3);
        write(dir.resolve("B/f"), 4);
        write(dir.resolve("Z"), 5);
        write(dir.resolve("é"), 6);
        write(dir.resolve("empty"), 0);
        write(dir.resolve("sub/deeper/nested file.bin"), 7);
        write(dir.resolve(".hidden"), 8);
        write(dir.resolve(".git/config"), 9);
        write(dir.resolve("sub/.DS_Store"), 10);
        Layout layout = Layout.scan(dir, p -> true);
        List<String> paths = layout.files().stream().map(TorrentFile::joinedPath).toList();
        // mktorrent's order: the joined path compared byte by byte (' ' < '-' < '/' < 'A' < 'a' < 0xC3)
        assertThat("order and content", paths,
                is(List.of("B/f", "Z", "a b/f", "a-c/f", "a/f", "empty", "sub/deeper/nested file.bin", "é")));
        assertThat("name", layout.name(), is("multi"));
        assertThat("multi", layout.multiFile(), is(true));
        assertThat("total", layout.totalLength(), is(28L));
        assertThat("components", layout.files().get(6).path(), is(List.of("sub", "deeper", "nested file.bin")));
    }

    /** The one file a folder torrent would hold, by scan's rules; none for zero or several (W10). */
    @Test
    void aFolderHoldingOneVisibleFileHasASoleFile() throws IOException {
        Path root = workDir.getEmptyPathDir();
        write(root.resolve("solo/sub/only.bin"), 3);
        write(root.resolve("solo/.hidden"), 1);
        write(root.resolve("pair/a"), 1);
        write(root.resolve("pair/b"), 1);
        Files.createDirectories(root.resolve("empty"));
        assertThat(Layout.soleFile(root.resolve("solo"), p -> true).map(TorrentFile::path),
                is(java.util.Optional.of(List.of("sub", "only.bin"))));
        assertThat("the same as scan's one file", Layout.scan(root.resolve("solo"), p -> true).files().size(), is(1));
        assertThat("two files", Layout.soleFile(root.resolve("pair"), p -> true).isPresent(), is(false));
        assertThat("no file", Layout.soleFile(root.resolve("empty"), p -> true).isPresent(), is(false));
        assertThat("a file is no folder", Layout.soleFile(root.resolve("pair/a"), p -> true).isPresent(), is(false));
        assertThat("not servable", Layout.soleFile(root.resolve("solo"), p -> false).isPresent(), is(false));
    }

    @Test
    void symbolicLinksFollowTheServableTest() throws IOException {
        Path base = workDir.getEmptyPathDir();
        Path root = base.resolve("root");
        Path outside = write(base.resolve("outside.bin"), 3);
        Path dir = root.resolve("dir");
        write(dir.resolve("real.bin"), 1);
        Files.createSymbolicLink(dir.resolve("inside-link.bin"), dir.resolve("real.bin"));
        Files.createSymbolicLink(dir.resolve("outside-link.bin"), outside);
        Files.createSymbolicLink(dir.resolve("dangling.bin"), base.resolve("nothing"));
        Files.createSymbolicLink(dir.resolve("loop"), dir);
        Path realRoot = root.toRealPath();
        Predicate<Path> insideRoot = p -> real(p).startsWith(realRoot);
        Layout layout = Layout.scan(dir, insideRoot);
        List<String> paths = layout.files().stream().map(TorrentFile::joinedPath).toList();
        assertThat("links inside kept, outside/dangling/loop dropped", paths,
                is(List.of("inside-link.bin", "real.bin")));
        Layout anything = Layout.scan(dir, p -> true);
        assertThat("with links allowed out", anything.files().size(), is(3));
        assertThrows(IOException.class, () -> Layout.scan(dir.resolve("outside-link.bin"), insideRoot),
                "a single file is tested too");
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void changesShowInTheLayout() throws IOException {
        Path dir = workDir.getEmptyPathDir().resolve("d");
        Path file = write(dir.resolve("x"), 10);
        Layout before = Layout.scan(dir, p -> true);
        assertThat("same files, same layout", Layout.scan(dir, p -> true), is(before));
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 5000));
        assertThat("mtime changed", Layout.scan(dir, p -> true).equals(before), is(false));
        Layout touched = Layout.scan(dir, p -> true);
        write(dir.resolve("new"), 1);
        assertThat("file added", Layout.scan(dir, p -> true).equals(touched), is(false));
    }

    @Test
    void anEmptyFolderHasNoFilesAndOtherThingsAreRefused() throws IOException {
        Path dir = Files.createDirectories(workDir.getEmptyPathDir().resolve("empty/.only-hidden"));
        assertThat("nothing", Layout.scan(dir.getParent(), p -> true).files(), is(List.of()));
        assertThrows(IOException.class, () -> Layout.scan(workDir.getPath().resolve("missing"), p -> true));
    }

    static Path write(Path file, int length) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + length);
        }
        return Files.write(file, bytes);
    }
}
