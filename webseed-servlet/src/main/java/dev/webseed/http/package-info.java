/**
 * The HTTP face every endpoint shares, one place per rule: the {@link dev.webseed.http.Route}
 * table (servlet names, classes, URL patterns, the {@code t/{token}} segment), the decoding
 * ({@link dev.webseed.http.RequestPath}) and encoding ({@link dev.webseed.http.UrlPath}) of paths,
 * the public base URL ({@link dev.webseed.http.BaseUrl}), CORS ({@link dev.webseed.http.Cors}) and
 * the plain-text error shape ({@link dev.webseed.http.PlainText}). It depends on the configuration
 * and the Servlet API only, so the services ({@code seed}, {@code publish}), {@code metainfo.Links},
 * the servlets and the embedded server can all use it.
 */
package dev.webseed.http;
