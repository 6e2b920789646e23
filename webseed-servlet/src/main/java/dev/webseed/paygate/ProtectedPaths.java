package dev.webseed.paygate;

import java.util.List;

/**
 * The content that needs a token ({@code paygateProtect}): path prefixes matched on segment
 * boundaries like {@link Scope.OfPath}, or {@code *} for everything.
 */
final class ProtectedPaths {
    private static final ProtectedPaths NONE = new ProtectedPaths(List.of(), false);
    private final List<String> prefixes;
    private final boolean everything;

    private ProtectedPaths(List<String> prefixes, boolean everything) {
        this.prefixes = prefixes;
        this.everything = everything;
    }

    static ProtectedPaths none() {
        return NONE;
    }

    /**
     * From the setting's list: {@code *} alone protects everything.
     *
     * @throws IllegalArgumentException for a prefix that is not a relative content path
     */
    static ProtectedPaths of(List<String> prefixes) {
        if (prefixes.contains("*")) {
            return new ProtectedPaths(List.of(), true);
        }
        return new ProtectedPaths(prefixes.stream().map(PathPrefix::normalise).toList(), false);
    }

    /**
     * True when a publication or file at this relative path needs a token: it lies under a
     * protected prefix, or (a folder) it contains one, since a folder torrent would hand out the
     * protected files inside it. The root ({@code ""}) contains every prefix.
     */
    boolean requiresToken(String relativePath) {
        if (everything) {
            return true;
        }
        for (String prefix : prefixes) {
            if (PathPrefix.covers(prefix, relativePath) || PathPrefix.contains(relativePath, prefix)) {
                return true;
            }
        }
        return false;
    }

    /** True when nothing is protected. */
    boolean isEmpty() {
        return !everything && prefixes.isEmpty();
    }

    @Override
    public String toString() {
        return everything ? "*" : String.join(",", prefixes);
    }
}
