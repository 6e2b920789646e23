package dev.webseed.metainfo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BList;
import dev.webseed.bencode.BString;
import dev.webseed.bencode.BencodeException;
import dev.webseed.bencode.BencodeReader;

final class TorrentTest {
    private static final Instant CREATED = Instant.ofEpochSecond(1_700_000_000L);

    static Layout single() {
        return new Layout("ep1.mkv", false,
                List.of(new TorrentFile(List.of("ep1.mkv"), Path.of("/r/ep1.mkv"), 40000, 1)));
    }

    static Layout multi() {
        return new Layout("Season 1", true, List.of(
                new TorrentFile(List.of("a.bin"), Path.of("/r/a"), 30000, 1),
                new TorrentFile(List.of("sub", "Grüße+1.bin"), Path.of("/r/b"), 10000, 1)));
    }

    @Test
    void singleFileInfoIsCanonicalAndHashedAsEncoded() throws Exception {
        byte[] pieces = new byte[60];
        Torrent t = Torrent.create(single(), 16384, pieces, false, CREATED);
        String info = new String(t.info(), StandardCharsets.ISO_8859_1);
        assertThat("keys in raw byte order", info, is("d6:lengthi40000e4:name7:ep1.mkv12:piece lengthi16384e6:pieces60:"
                + new String(pieces, StandardCharsets.ISO_8859_1) + "e"));
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(t.info()), t.infoHash().bytes(), "info-hash");
        assertThat("pieces", t.pieceCount(), is(3));
    }

    @Test
    void multiFileInfoListsFilesAndPrivateChangesTheHash() {
        byte[] pieces = new byte[60];
        Torrent open = Torrent.create(multi(), 16384, pieces, false, CREATED);
        Torrent closed = Torrent.create(multi(), 16384, pieces, true, CREATED);
        BDict info = (BDict) BencodeReader.decode(closed.info());
        assertThat("private=1 in info (BEP 27)", info.integer("private").orElseThrow(), is(1L));
        assertThat("no private key when open", ((BDict) BencodeReader.decode(open.info())).get("private").isPresent(),
                is(false));
        assertThat("different swarms", open.infoHash().equals(closed.infoHash()), is(false));
        BDict second = (BDict) info.list("files").orElseThrow().values().get(1);
        assertThat("path components", second.list("path").orElseThrow(),
                is(BList.of(BString.of("sub"), BString.of("Grüße+1.bin"))));
        assertThat("no top-level length", info.get("length").isPresent(), is(false));
    }

    @Test
    void renderingWrapsTheExactInfoBytes() {
        Torrent t = Torrent.create(multi(), 16384, new byte[60], false, CREATED);
        byte[] file = t.encode("http://h/announce", List.of("http://h/seed/"));
        assertArrayEquals(t.info(), BencodeReader.rawValue(file, "info"), "info verbatim");
        BDict root = (BDict) BencodeReader.decode(file);
        assertThat("announce", root.string("announce").orElseThrow().utf8(), is("http://h/announce"));
        assertThat("url-list", root.list("url-list").orElseThrow(), is(BList.of(BString.of("http://h/seed/"))));
        assertThat("created by", root.string("created by").orElseThrow().utf8(), is("Webseed 0.1.0"));
        assertThat("creation date", root.integer("creation date").orElseThrow(), is(1_700_000_000L));
        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertThat("root keys in raw byte order", text.indexOf("8:announce") < text.indexOf("10:created by")
                && text.indexOf("10:created by") < text.indexOf("13:creation date")
                && text.indexOf("13:creation date") < text.indexOf("4:info")
                && text.lastIndexOf("8:url-list") > text.indexOf("4:info"), is(true));
        BDict bare = (BDict) BencodeReader.decode(t.encode(null, List.of()));
        assertThat("announce omitted", bare.get("announce").isPresent(), is(false));
        assertThat("url-list omitted", bare.get("url-list").isPresent(), is(false));
    }

    @Test
    void infoReadBackGivesTheSameTorrent() {
        Torrent t = Torrent.create(multi(), 16384, new byte[60], true, CREATED);
        Torrent back = Torrent.fromInfo(t.info(), CREATED);
        assertThat("same", back, is(t));
        assertThat("name", back.name(), is("Season 1"));
        assertThat("files", back.files(), is(List.of(new Torrent.Entry(List.of("a.bin"), 30000),
                new Torrent.Entry(List.of("sub", "Grüße+1.bin"), 10000))));
        assertThat("private", back.isPrivate(), is(true));
        assertThrows(BencodeException.class, () -> Torrent.fromInfo("d4:name1:xe".getBytes(StandardCharsets.US_ASCII),
                CREATED));
        assertThrows(IllegalArgumentException.class, () -> Torrent.create(single(), 16384, new byte[40], false,
                CREATED));
    }
}
