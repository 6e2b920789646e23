package dev.webseed.metainfo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PieceLengthTest {

    @ParameterizedTest(name = "{0} bytes -> pieces of {1}")
    @CsvSource({
            // total bytes,   piece length   (smallest power of two >= total/1500, within 16 KiB..16 MiB)
            "0,               16384",
            "1,               16384",
            "24576000,        16384",     // exactly 1500 pieces of 16 KiB
            "24576001,        32768",     // one byte more needs 32 KiB
            "52428800,        65536",     // 50 MiB
            "2147483648,      2097152",   // 2 GiB: 1024 pieces of 2 MiB
            "25769803776,     16777216",  // 24 GiB
            "1099511627776,   16777216",  // 1 TiB: clamped at 16 MiB
    })
    void autoAimsAtFifteenHundredPieces(long total, long expected) {
        long length = PieceLength.auto(total);
        assertThat(total + " bytes", length, is(expected));
        assertThat("a power of two", Long.bitCount(length), is(1));
    }

    @Test
    void aConfiguredLengthWinsAndMustBeAPowerOfTwo() {
        assertThat("0 means auto", PieceLength.choose(0, 2L << 30), is(2L << 20));
        assertThat("configured", PieceLength.choose(256 << 10, 2L << 30), is(256L << 10));
        assertThrows(IllegalArgumentException.class, () -> PieceLength.choose(3000, 1));
        assertThrows(IllegalArgumentException.class, () -> PieceLength.choose(-16384, 1));
    }

    @Test
    void pieceCountCoversEveryByte() {
        assertThat("empty", PieceLength.pieceCount(0, 16384), is(0));
        assertThat("one byte", PieceLength.pieceCount(1, 16384), is(1));
        assertThat("exact", PieceLength.pieceCount(32768, 16384), is(2));
        assertThat("one over", PieceLength.pieceCount(32769, 16384), is(3));
        assertThrows(IllegalArgumentException.class, () -> PieceLength.pieceCount(1L << 50, 16384));
    }
}
