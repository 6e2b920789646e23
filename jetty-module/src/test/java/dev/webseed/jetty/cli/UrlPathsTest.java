package dev.webseed.jetty.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class UrlPathsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            # relative path             | printed in the URL
            welcome.txt                 | welcome.txt
            multi/Grüße Welt+1.dat      | multi/Gr%C3%BC%C3%9Fe%20Welt%2B1.dat
            sub/nested file.bin         | sub/nested%20file.bin
            a~b_c-d.e                   | a~b_c-d.e
            it's [x]&y=1#z?             | it%27s%20%5Bx%5D%26y%3D1%23z%3F
            50% off                     | 50%25%20off
            """)
    void eachSegment_keepsOnlyUnreservedCharacters(String path, String encoded) {
        assertThat(path, UrlPaths.encodePath(path), is(encoded));
    }
}
