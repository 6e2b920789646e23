package dev.webseed.paygate;

import static dev.webseed.paygate.Fixture.T0;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.webseed.testing.SteppingClock;

final class RevocationListTest {
    private static final String ID = "3f9a0c2e5b7d41a8b6e0f1c2d3e4f5a6";
    private final SteppingClock clock = new SteppingClock(T0);

    @TempDir
    Path dir;

    private static TokenClaims claims(String id, String subject) {
        return new TokenClaims(1, "kid", id, subject, List.of(Scope.path("paid")), Instant.MAX, Optional.empty(),
                OptionalLong.empty());
    }

    private Path write(String text, int mtimeSeconds) throws IOException {
        Path file = dir.resolve("revoked.txt");
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(mtimeSeconds)));
        return file;
    }

    @Test
    void readsTokenIdsAndSubjects() throws IOException {
        Path file = write("# revoked after refunds\n\njti " + ID.toUpperCase() + "\nsub alice@example.com\n", 0);
        RevocationList list = RevocationList.watch(file, clock);
        assertThat("size", list.size(), is(2));
        assertThat("by id, any case", list.isRevoked(claims(ID, "bob")), is(true));
        assertThat("by subject", list.isRevoked(claims("00".repeat(16), "alice@example.com")), is(true));
        assertThat("neither", list.isRevoked(claims("00".repeat(16), "bob")), is(false));
    }

    @Test
    void reloadsOnlyWhenTheFileChangesAndTheIntervalIsOver() throws IOException {
        Path file = write("sub aaaa\n", 0);
        RevocationList list = RevocationList.watch(file, clock);
        write("sub bbbb\n", 0);
        clock.advance(RevocationList.POLL_INTERVAL);
        assertThat("same mtime and size: not re-read (write a new file and rename it into place)",
                list.isRevoked(claims(ID, "aaaa")), is(true));
        write("jti " + ID + "\n", 10);
        assertThat("changed, but the poll interval is not over", list.isRevoked(claims(ID, "x")), is(false));
        clock.advance(RevocationList.POLL_INTERVAL);
        assertThat("re-read", list.isRevoked(claims(ID, "x")), is(true));
        assertThat("old entry gone", list.isRevoked(claims("00".repeat(16), "aaaa")), is(false));
    }

    @Test
    void aBadReloadKeepsThePreviousList() throws IOException {
        Path file = write("jti " + ID + "\n", 0);
        RevocationList list = RevocationList.watch(file, clock);
        write("jti not-hex\n", 5);
        clock.advance(RevocationList.POLL_INTERVAL);
        assertThat("still revoked", list.isRevoked(claims(ID, "x")), is(true));
        Files.delete(file);
        clock.advance(RevocationList.POLL_INTERVAL);
        assertThat("file gone: still revoked", list.isRevoked(claims(ID, "x")), is(true));
    }

    @Test
    void aBadFileAtStartFailsWithItsLine() throws IOException {
        Path file = write("sub ok\nbogus line\n", 0);
        IOException e = assertThrows(IOException.class, () -> RevocationList.watch(file, clock));
        assertThat(e.getMessage(), e.getMessage(), containsString("line 2"));
        assertThrows(IOException.class, () -> RevocationList.watch(dir.resolve("missing.txt"), clock));
    }

    @Test
    void fixedListsNeedNoFile() {
        RevocationList list = RevocationList.of(Set.of(ID.toUpperCase()), Set.of("mallory"));
        assertThat("id", list.isRevoked(claims(ID, "x")), is(true));
        assertThat("subject", list.isRevoked(claims("00".repeat(16), "mallory")), is(true));
        assertThat("empty list", RevocationList.empty().isRevoked(claims(ID, "mallory")), is(false));
    }

    @Test
    void append_addsOneLine_keepsTheOthers_andIsIdempotent() throws IOException {
        Path file = write("# refunds\nsub alice@example.com", 0); // no final line break
        RevocationList list = RevocationList.watch(file, clock);
        assertThat("added", RevocationList.append(file, Revocation.tokenId(ID.toUpperCase())), is(true));
        assertThat("already there (any case)", RevocationList.append(file, Revocation.tokenId(ID)), is(false));
        assertThat("a subject already there", RevocationList.append(file, Revocation.subject("alice@example.com")),
                is(false));
        assertThat(Files.readString(file), is("# refunds\nsub alice@example.com\njti " + ID + "\n"));
        clock.advance(RevocationList.POLL_INTERVAL);
        assertThat("a server watching the file sees it", list.isRevoked(claims(ID, "bob")), is(true));
        assertThat("and keeps the old entries", list.isRevoked(claims("00".repeat(16), "alice@example.com")),
                is(true));
        try (var files = Files.list(dir)) {
            assertThat("nothing left beside it", files.count(), is(1L));
        }
    }

    @Test
    void append_keepsThePermissions_andRefusesMissingOrBadFiles() throws IOException {
        Path file = write("", 0);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        RevocationList.append(file, Revocation.subject("bob"));
        assertThat("servers running as another user still read it",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                is("rw-r--r--"));
        assertThat(Files.readString(file), is("sub bob\n"));
        assertThrows(IOException.class, () -> RevocationList.append(dir.resolve("missing.txt"),
                Revocation.subject("bob")));
        Path bad = write("bogus\n", 0);
        IOException e = assertThrows(IOException.class, () -> RevocationList.append(bad, Revocation.subject("x")));
        assertThat(e.getMessage(), containsString("line 1"));
        assertThat("a bad file is left as it was", Files.readString(bad), is("bogus\n"));
    }

    @Test
    void revocations_followTheFileAndTokenRules() {
        assertThat(Revocation.tokenId(ID.toUpperCase()).line(), is("jti " + ID));
        assertThat(Revocation.subject("order 7").line(), is("sub order 7"));
        assertThrows(IllegalArgumentException.class, () -> Revocation.tokenId("abc"));
        assertThrows(IllegalArgumentException.class, () -> Revocation.subject(" padded"));
        assertThrows(IllegalArgumentException.class, () -> Revocation.subject("two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> Revocation.subject("x".repeat(129)));
    }
}
