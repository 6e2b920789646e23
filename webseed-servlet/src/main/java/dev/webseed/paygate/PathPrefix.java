package dev.webseed.paygate;

/** Content path prefixes matched on segment boundaries (see {@link Scope}). */
final class PathPrefix {
    private PathPrefix() {
    }

    /**
     * {@code paid/} → {@code paid}.
     *
     * @throws IllegalArgumentException unless every segment is a plain name (the rule of
     *                                  {@code ContentRoot.isPlainName}: not empty, not hidden, no
     *                                  {@code .}, {@code ..}, backslash or NUL)
     */
    static String normalise(String prefix) {
        String bare = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        for (String segment : bare.split("/", -1)) {
            if (segment.isEmpty() || segment.charAt(0) == '.' || segment.indexOf('\\') >= 0
                    || segment.indexOf('\0') >= 0 || segment.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("'" + prefix + "' is not a relative content path such as paid/");
            }
        }
        return bare;
    }

    /** {@code paid} covers {@code paid} and {@code paid/…}, not {@code paidfoo}. */
    static boolean covers(String prefix, String path) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** True when {@code path} is an ancestor folder of {@code prefix} (the root "" is everyone's). */
    static boolean contains(String path, String prefix) {
        return path.isEmpty() || prefix.startsWith(path) && prefix.length() > path.length()
                && prefix.charAt(path.length()) == '/';
    }
}
