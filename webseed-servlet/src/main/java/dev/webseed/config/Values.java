package dev.webseed.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parsers for setting values. Booleans are exactly {@code true} or {@code false} (a typo is
 * an error, not {@code false}); sizes take {@code k}/{@code m}/{@code g} binary suffixes; durations
 * take {@code s}/{@code m}/{@code h}/{@code d} suffixes or ISO-8601 ({@code PT30M}).
 */
final class Values {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)(?:/s)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    private Values() {
    }

    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    static Function<String, Integer> intIn(int min, int max) {
        return text -> {
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return (int) value;
        };
    }

    static Function<String, Long> sizeIn(long min, long max) {
        return text -> {
            Matcher m = SIZE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("must be a size such as 262144, 256k or 16m");
            }
            int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            long value;
            try {
                value = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("is too large");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + " bytes");
            }
            return value;
        };
    }

    /**
     * A rate in bytes per second: a plain number, or one with a unit: {@code k}/{@code kB},
     * {@code M}/{@code MB}, {@code G}/{@code GB} are decimal bytes as network rates are quoted
     * ({@code 12MB} is 12,000,000), {@code KiB}/{@code MiB}/{@code GiB} binary bytes, and
     * {@code kbit}/{@code mbit}/{@code gbit} decimal bits ({@code 100mbit} is 12,500,000 bytes);
     * an optional {@code /s} is ignored. {@code 0} is kept as 0; any other value must lie in
     * {@code [min, max]}.
     */
    static Function<String, Long> rateOrZero(long min, long max) {
        return text -> {
            Matcher m = RATE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("must be a rate such as 12MB, 100mbit or 0 (unlimited)");
            }
            double unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "", "b" -> 1;
                case "k", "kb" -> 1e3;
                case "m", "mb" -> 1e6;
                case "g", "gb" -> 1e9;
                case "kib" -> 1 << 10;
                case "mib" -> 1 << 20;
                case "gib" -> 1 << 30;
                case "bit" -> 1 / 8.0;
                case "kbit" -> 1e3 / 8;
                case "mbit" -> 1e6 / 8;
                case "gbit" -> 1e9 / 8;
                default -> throw new IllegalArgumentException("unknown unit '" + m.group(2)
                        + "' (use B, kB, MB, GB, KiB, MiB, GiB, kbit, mbit or gbit)");
            };
            double value = Double.parseDouble(m.group(1)) * unit;
            if (value == 0) {
                return 0L;
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be 0 (unlimited) or between " + min + " and " + max
                        + " bytes per second");
            }
            return Math.round(value);
        };
    }

    static Function<String, Duration> durationIn(Duration min, Duration max) {
        return text -> {
            Duration value;
            Matcher m = DURATION.matcher(text);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                value = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                try {
                    value = Duration.parse(text);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("must be a duration such as 90s, 30m, 48h or PT30M");
                }
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return value;
        };
    }

    static Path path(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must name a folder");
        }
        return Path.of(text);
    }

    /** An absolute http(s) URL; a missing trailing slash is added, since it is a base. */
    static URI baseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text : text + "/");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must be an absolute http or https URL without query or fragment");
        }
        return uri;
    }

    /** An absolute http(s) URL, kept as written. */
    static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an absolute http or https URL");
        }
        return uri;
    }

    static String text(String text) {
        return text;
    }

    /**
     * A value as text the parsers above read back: a duration in its largest exact unit
     * ({@code 30m}, {@code 1h}, {@code 90s}), a list comma-separated, anything else as
     * {@code String.valueOf}.
     */
    static String format(Object value) {
        if (value instanceof Duration duration) {
            return format(duration);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    private static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0) {
            return duration.toString(); // ISO-8601, which durationIn also reads
        }
        long millis = duration.toMillis();
        int unit = 0;
        while (millis % units[unit] != 0) {
            unit++;
        }
        return millis / units[unit] + names[unit];
    }

    /** A comma-separated list; blanks are dropped. */
    static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Empty, or a redis:// / rediss:// URL with a host. */
    static String redisUrl(String text) {
        String url = text.strip();
        if (url.isEmpty()) {
            return url;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected redis://host:port/db or rediss://host:port/db");
        }
        return url;
    }

    static long powerOfTwo(long value) {
        if (Long.bitCount(value) != 1) {
            throw new IllegalArgumentException("must be a power of two");
        }
        return value;
    }

    /** {@code *} alone, or relative path prefixes of plain segments (an optional trailing slash). */
    static List<String> protectList(String text) {
        List<String> prefixes = Values.list(text);
        for (String prefix : prefixes) {
            if (prefix.equals("*")) {
                if (prefixes.size() > 1) {
                    throw new IllegalArgumentException("* stands alone (it protects everything)");
                }
                continue;
            }
            String bare = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            for (String segment : bare.split("/", -1)) {
                // the same rule as ContentRoot.isPlainName: no empty, hidden, . or .. segments
                if (segment.isEmpty() || segment.charAt(0) == '.' || segment.indexOf('\\') >= 0
                        || segment.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("'" + prefix + "' is not a relative content path, e.g. paid/");
                }
            }
        }
        return prefixes;
    }
}
