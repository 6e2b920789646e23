package dev.webseed.http;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3986 §2.1, §2.3 and docs/protocol.md W19: what the URLs Webseed writes look like. */
final class UrlPathTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "ep1.mkv                    | ep1.mkv",
            "A-Z_a-z.0~9                | A-Z_a-z.0~9",
            "a b                        | a%20b",
            "Grüße Welt+1.dat           | Gr%C3%BC%C3%9Fe%20Welt%2B1.dat",
            "a&b=c?d#e:f/g              | a%26b%3Dc%3Fd%23e%3Af%2Fg",
            "50%                        | 50%25",
            "日本                        | %E6%97%A5%E6%9C%AC",
            "'!()*,;@$                  | %27%21%28%29%2A%2C%3B%40%24",
    })
    void onlyUnreservedCharactersStayUpperCaseHexForTheRest(String raw, String encoded) {
        assertThat(raw, UrlPath.encode(raw), is(encoded));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # relative path             | in the URL
            welcome.txt                 | welcome.txt
            multi/Grüße Welt+1.dat      | multi/Gr%C3%BC%C3%9Fe%20Welt%2B1.dat
            sub/nested file.bin         | sub/nested%20file.bin
            a~b_c-d.e                   | a~b_c-d.e
            it's [x]&y=1#z?             | it%27s%20%5Bx%5D%26y%3D1%23z%3F
            50% off                     | 50%25%20off
            """)
    void eachSegment_keepsOnlyUnreservedCharacters(String path, String encoded) {
        assertThat(path, UrlPath.encodePath(path), is(encoded));
    }
}
