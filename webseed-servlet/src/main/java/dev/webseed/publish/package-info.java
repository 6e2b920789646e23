/**
 * Publication of the content root as torrents: the {@link dev.webseed.publish.Publisher} registry
 * (background hashing, persisted hash cache, re-publication of changed files) and its states
 * ({@link dev.webseed.publish.Publication}, {@link dev.webseed.publish.Progress}), and the
 * {@code .torrent} and magnet answers ({@link dev.webseed.publish.TorrentService}).
 *
 * <p>{@code Publisher} is the public face; {@code Slots} holds one slot per requested path and the
 * runs that bring it up to date; {@code Runner} is one run (scan, name policy, cache or hash);
 * {@code HashCache} persists results and knows, from disk, which path an info-hash was published
 * at, so the paygate and the tracker get the same answer before and after a restart. Whether a
 * path is paid is not decided here: the publisher is told ({@code Publisher.Builder.paid}) and
 * the paygate reads the publications through {@link dev.webseed.paygate.HashIndex}.</p>
 */
package dev.webseed.publish;
