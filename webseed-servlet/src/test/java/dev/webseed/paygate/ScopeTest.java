package dev.webseed.paygate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ScopeTest {

    @ParameterizedTest(name = "prefix {0} covers {1}: {2}")
    @CsvSource({
            "paid/,      paid/film.mkv,      true",
            "paid/,      paid/a/b/c.mkv,     true",
            "paid/,      paid,               true",
            "paid,       paid/film.mkv,      true",
            "paid,       paidfoo/x,          false",
            "paid/,      paidfoo/x,          false",
            "paid,       pai,                false",
            "paid/,      free/paid/film.mkv, false",
            "film.mkv,   film.mkv,           true",
            "film.mkv,   film.mkv.part,      false",
            "film.mkv,   film.mk,            false",
            "a/b,        a/b/c,              true",
            "a/b,        a/bc,               false",
            "a/b,        a,                  false",
            "Paid,       paid/film.mkv,      false",
    })
    void pathPrefixMatchesOnSegmentBoundaries(String prefix, String path, boolean covered) {
        assertThat(prefix + " vs " + path, Scope.path(prefix).covers(Target.path(path)), is(covered));
    }

    @ParameterizedTest(name = "protect {0}: {1} needs a token: {2}")
    @CsvSource({
            "paid/,          paid/film.mkv, true",
            "paid/,          paid,          true",
            "paid/,          paidfoo/x,     false",
            "paid/,          free.mkv,      false",
            "paid/,          '',            true",
            "Season1/ep1.mkv, Season1,      true",
            "Season1/ep1.mkv, Season1/ep2.mkv, false",
            "'*',            anything/at/all, true",
            "'a/b,c.mkv',    c.mkv,         true",
            "'a/b,c.mkv',    a,             true",
            "'a/b,c.mkv',    a/x,           false",
    })
    void protectedPathsCoverFilesAndTheFoldersThatHoldThem(String setting, String path, boolean protect) {
        ProtectedPaths paths = ProtectedPaths.of(List.of(setting.split(",")));
        assertThat(setting + " vs '" + path + "'", paths.requiresToken(path), is(protect));
    }

    @Test
    void nothingProtectedByDefault() {
        assertThat("none", ProtectedPaths.none().requiresToken("paid/film.mkv"), is(false));
        assertThat("empty list", ProtectedPaths.of(List.of()).isEmpty(), is(true));
    }

    @Test
    void fortyHexDigitsAreAnInfoHashAnythingElseAPath() {
        assertThat("hash", Scope.parse("0123456789abcdef0123456789ABCDEF01234567"), instanceOf(Scope.OfInfoHash.class));
        assertThat("path", Scope.parse("paid/"), instanceOf(Scope.OfPath.class));
        assertThat("39 hex is a path", Scope.parse("0123456789abcdef0123456789abcdef0123456"),
                instanceOf(Scope.OfPath.class));
        assertThat("normalised", ((Scope.OfPath) Scope.parse("paid/")).prefix(), is("paid"));
        assertThat("hash scope covers its hash", Scope.parse(Fixture.FILM.hex()).covers(Target.infoHash(Fixture.FILM)),
                is(true));
        assertThat("hash scope covers a path served by that torrent",
                Scope.parse(Fixture.FILM.hex()).covers(Target.path("x/y.mkv", Fixture.FILM)), is(true));
        assertThat("path scope never covers a bare info-hash", Scope.path("paid").covers(Target.infoHash(Fixture.FILM)),
                is(false));
    }

    @Test
    void targetsTolerateRepeatedHashesAndKeyRingsRepeatedKeys() {
        assertThat("deduplicated", Target.path("x", Fixture.FILM, Fixture.FILM).infoHashes().size(), is(1));
        byte[] secret = HmacKey.generateSecret();
        Ed25519PublicKey key = Ed25519PrivateKey.generate().publicKey();
        KeyRing ring = KeyRing.of(key, Ed25519PublicKey.fromRaw(key.raw()), HmacKey.of(secret), HmacKey.of(secret));
        assertThat("the same key twice counts once", ring.kids().size(), is(2));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "/", "/paid", "paid//x", "../x", "./x", ".hidden/x", "a/../b", "a\\b", "a\u0000b",
            "a\nb"})
    void badPathPrefixesAreRejected(String prefix) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scope.path(prefix));
        assertThat(e.getMessage(), e.getMessage(), containsString("relative content path"));
    }

    static Stream<Arguments> longPaths() {
        return Stream.of(Arguments.of("a".repeat(255), true), Arguments.of("a".repeat(256), false),
                Arguments.of("é".repeat(127), true), Arguments.of("é".repeat(128), false));
    }

    @ParameterizedTest(name = "{0} accepted: {1}")
    @MethodSource("longPaths")
    void pathPrefixIsAtMost255BytesOfUtf8(String prefix, boolean accepted) {
        boolean ok;
        try {
            Scope.path(prefix);
            ok = true;
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        assertThat(prefix.length() + " chars", ok, is(accepted));
    }
}
