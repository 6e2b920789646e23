package dev.webseed.jetty.cli;

import java.nio.file.Path;
import java.util.Objects;

import dev.webseed.config.WebseedConfig;

/**
 * What {@code serve} was asked to do.
 *
 * @param host                 the address to listen on
 * @param port                 the TCP port, 0 for any free one
 * @param config               the validated settings
 * @param defaultContentRoot   true when {@code --content-root} was not given ({@code ./content},
 *                             created with a sample file when missing)
 * @param accessLog            the access log file ({@code --access-log}), null for none
 */
public record ServeOptions(String host, int port, WebseedConfig config, boolean defaultContentRoot, Path accessLog) {
    public ServeOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(config, "config");
    }

    /** Without an access log. */
    public ServeOptions(String host, int port, WebseedConfig config, boolean defaultContentRoot) {
        this(host, port, config, defaultContentRoot, null);
    }
}
