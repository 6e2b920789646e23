/**
 * State shared by several origin servers (issue 13): the service interface an optional module
 * (webseed-redis) implements, found with {@link java.util.ServiceLoader} so the library itself
 * depends on no store.
 */
package dev.webseed.shared;
