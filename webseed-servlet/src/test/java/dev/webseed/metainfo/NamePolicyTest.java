package dev.webseed.metainfo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class NamePolicyTest {

    @ParameterizedTest(name = "allowed: [{0}]")
    @ValueSource(strings = {"ep1.mkv", "Grüße Welt+1.dat", "a b", "film (2024) - final_cut~2.mkv", "日本語.txt",
            "Ελληνικά", "COM10", "CONSOLE.txt", "a.con", "lpt", "con-air.mkv", "50 off!.bin", "a,b@d$e.txt"})
    void plainNamesAreAllowed(String name) {
        assertThat(name, NamePolicy.problem(name), is(Optional.empty()));
    }

    @ParameterizedTest(name = "refused: [{0}]")
    @ValueSource(strings = {"50%off.bin", "a#b.bin", "a;x=1.bin", "what?.txt", "[group] ep1.mkv", "x]y", "colon:name.bin",
            "it's.mkv", "a&b", "a=b", "say \"hi\"", "star*.txt", "a<b", "a>b", "pipe|name", "back\\slash",
            "tab\there", "nl\nx", "bell\u0007", "del\u007f", "c1\u0085", "trailing dot.", "trailing space ",
            "CON", "con", "con.txt", "PRN.tar.gz", "AUX", "nul", "COM1", "com9.log", "LPT1", "lpt9.mkv", "AUX .txt",
            "bad\uFFFDutf8", "lone\uD800surrogate", ""})
    void namesClientsMangleAreRefused(String name) {
        assertThat("[" + name + "]", NamePolicy.problem(name).isPresent(), is(true));
    }

    @Test
    void aRefusalNamesTheOffendingFile() {
        Layout layout = new Layout("Season1", true, List.of(
                new TorrentFile(List.of("ok.mkv"), Path.of("/x/ok.mkv"), 1, 0),
                new TorrentFile(List.of("extras", "a#b.mkv"), Path.of("/x/extras/a#b.mkv"), 1, 0)));
        String reason = NamePolicy.problem(layout).orElseThrow();
        assertThat(reason, reason, containsString("Season1/extras/a#b.mkv"));
        assertThat(reason, reason, containsString("'#'"));
        Layout single = new Layout("CON.mkv", false, List.of(new TorrentFile(List.of("CON.mkv"), Path.of("/x"), 1, 0)));
        assertThat("single file", NamePolicy.problem(single).orElseThrow(), containsString("CON.mkv"));
    }
}
