/**
 * Publication of the content root as torrents: the {@link dev.webseed.publish.Publisher} registry
 * (background hashing, persisted hash cache, re-publication of changed files) and its states
 * ({@link dev.webseed.publish.Publication}, {@link dev.webseed.publish.Progress}).
 */
package dev.webseed.publish;
