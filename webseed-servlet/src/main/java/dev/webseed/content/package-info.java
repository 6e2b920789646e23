/**
 * The content root: turning a decoded relative path into a file that may be served, and nothing
 * else. Never outside the root (no {@code ..}, no symbolic link leading out unless allowed), never
 * a hidden file, never the hash cache.
 */
package dev.webseed.content;
