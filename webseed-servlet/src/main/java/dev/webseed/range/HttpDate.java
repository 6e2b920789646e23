package dev.webseed.range;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP-date (RFC 9110 §5.6.7): IMF-fixdate is generated; IMF-fixdate, the obsolete RFC 850 form
 * and asctime are accepted, as the RFC requires of recipients.
 */
public final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future means the past century; a fixed base
    // year of 1970 is close enough for validators (file times are never before 1970)
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.of(1970, 1, 1))
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);
    private static final List<DateTimeFormatter> ACCEPTED = List.of(IMF_FIXDATE, RFC_850, ASCTIME);

    private HttpDate() {
    }

    /** The IMF-fixdate of an instant, truncated to the second. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** The instant of an HTTP-date, or empty for anything else (an invalid date is ignored, RFC 9110 §13.1.3). */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        for (DateTimeFormatter format : ACCEPTED) {
            try {
                return Optional.of(Instant.from(format.parse(trimmed)));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
