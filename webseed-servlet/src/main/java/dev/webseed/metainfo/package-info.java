/**
 * Torrents made from files on disk (BEP 3, 19, 27): the {@link dev.webseed.metainfo.Layout} of a
 * file or folder, the {@link dev.webseed.metainfo.NamePolicy} that refuses names clients mangle,
 * automatic {@link dev.webseed.metainfo.PieceLength}, parallel SHA-1
 * {@link dev.webseed.metainfo.PieceHasher}, the {@link dev.webseed.metainfo.Torrent} value (exact
 * info bytes and {@link dev.webseed.metainfo.InfoHash}) and the {@link dev.webseed.metainfo.Links}
 * (url-list, announce, magnet) written around it.
 */
package dev.webseed.metainfo;
