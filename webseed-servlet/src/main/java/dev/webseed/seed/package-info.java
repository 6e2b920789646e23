/**
 * The BEP 19 webseed service behind {@link dev.webseed.servlet.SeedServlet}: file and BEP 47
 * pad-file lookup, the paygate front ({@code SeedAccess}), validators, ranges, response headers
 * and streaming. Public: {@link dev.webseed.seed.SeedService} (built with its validating
 * {@link dev.webseed.seed.SeedService.Builder}) and the {@link dev.webseed.seed.ContentSender}
 * seam through which a container writes file bytes its own way (the embedded Jetty server's
 * zero-copy sender). Everything else is package-private. Request paths are decoded by
 * {@link dev.webseed.http.RequestPath}, the same decoder the torrent endpoint uses.
 *
 * <p>Keep: {@link dev.webseed.seed.ContentSender} is the seam where a container's own zero-copy
 * sending plugs in (the Jetty module sets one) without this library depending on any container;
 * the portable copy loop is the fallback, and each is checked byte for byte by tests. Cached
 * file facts expire on the injected clock through a Caffeine {@code Ticker} bridged from {@link
 * java.time.Clock}, so expiry tests step a clock instead of sleeping.</p>
 */
package dev.webseed.seed;
