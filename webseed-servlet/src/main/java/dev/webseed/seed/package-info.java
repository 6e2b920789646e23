/**
 * The BEP 19 webseed service behind {@link dev.webseed.servlet.SeedServlet}: request-path decoding,
 * file and BEP 47 pad-file lookup, response headers and streaming through a pooled buffer.
 * Everything but {@link dev.webseed.seed.SeedService} is package-private.
 */
package dev.webseed.seed;
