/**
 * The BEP 19 webseed service behind {@link dev.webseed.servlet.SeedServlet}: request-path decoding,
 * file and BEP 47 pad-file lookup, response headers and streaming through a pooled buffer.
 * Public are {@link dev.webseed.seed.SeedService}, the service the servlet calls, and {@link
 * dev.webseed.seed.ContentSender}, the seam for a container's fast path; everything else is
 * package-private.
 *
 * <p>Keep: {@link dev.webseed.seed.ContentSender} is the seam where a container's own zero-copy
 * sending plugs in (the Jetty module sets one) without this library depending on any container;
 * the portable copy loop is the fallback, and each is checked byte for byte by tests. Cached
 * file facts expire on the injected clock through a Caffeine {@code Ticker} bridged from {@link
 * java.time.Clock}, so expiry tests step a clock instead of sleeping.</p>
 */
package dev.webseed.seed;
