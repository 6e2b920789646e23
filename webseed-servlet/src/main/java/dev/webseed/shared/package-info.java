/**
 * State shared by several origin servers (README "Several servers"): the service interface an optional module
 * (webseed-redis) implements, found with {@link java.util.ServiceLoader} so the library itself
 * depends on no store.
 */
package dev.webseed.shared;
