/**
 * Torrents made from files on disk (BEP 3, 19, 27): the {@link dev.webseed.metainfo.Layout} of a
 * file or folder, the {@link dev.webseed.metainfo.NamePolicy} that refuses names clients mangle,
 * automatic {@link dev.webseed.metainfo.PieceLength}, parallel SHA-1
 * {@link dev.webseed.metainfo.PieceHasher}, the {@link dev.webseed.metainfo.Torrent} value (exact
 * info bytes and {@link dev.webseed.metainfo.InfoHash}) and the {@link dev.webseed.metainfo.Links}
 * (url-list, announce, magnet) written around it.
 *
 * <p>Keep: a {@link dev.webseed.metainfo.Torrent} holds the exact bytes of its info dictionary,
 * as written or as read back from the hash cache, and its info-hash is the SHA-1 of those bytes.
 * Nothing decodes and re-encodes an info dictionary, so a torrent read back has the info-hash
 * it was published with, whatever key order or spelling the bytes have. Everything per buyer
 * (tokens in {@code url-list} and {@code announce}) lives outside info, so all buyers share one
 * info-hash and one swarm.</p>
 */
package dev.webseed.metainfo;
