package dev.webseed.paygate;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One revocation: a token id or a buyer, written as a line of the revocation file ({@link
 * RevocationList}): {@code jti <32 hex digits>} or {@code sub <subject>}.
 *
 * @param kind  what {@code value} names
 * @param value the token id (32 lower-case hex digits) or the subject, exactly as issued
 */
public record Revocation(Kind kind, String value) {
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-fA-F]{32}");

    /** What a revocation names; {@link #word()} is the line's first word. */
    public enum Kind {
        /** One token, by its id ({@code jti}). */
        TOKEN_ID("jti"),
        /** Every token of one buyer ({@code sub}). */
        SUBJECT("sub");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public Revocation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Revokes one token.
     *
     * @throws IllegalArgumentException when {@code tokenId} is not 32 hex digits
     */
    public static Revocation tokenId(String tokenId) {
        if (!TOKEN_ID.matcher(tokenId).matches()) {
            throw new IllegalArgumentException("a token id is 32 hex digits");
        }
        return new Revocation(Kind.TOKEN_ID, tokenId.toLowerCase(Locale.ROOT));
    }

    /**
     * Revokes every token of a buyer.
     *
     * @throws IllegalArgumentException when no token can carry this subject (the issuer's rules)
     */
    public static Revocation subject(String subject) {
        String problem = TokenCodec.subjectProblem(subject);
        if (problem != null) {
            throw new IllegalArgumentException("a subject " + problem);
        }
        return new Revocation(Kind.SUBJECT, subject);
    }

    /** The revocation of this token's id. */
    public static Revocation of(TokenClaims claims) {
        return tokenId(claims.tokenId());
    }

    /**
     * Reads a line of the revocation file: a revocation, or empty for a blank or {@code #} comment line.
     *
     * @throws IllegalArgumentException when the line is neither
     */
    static Optional<Revocation> parse(String text) {
        String line = text.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        int space = line.indexOf(' ');
        String word = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1).strip();
        if (word.equals(Kind.TOKEN_ID.word) && TOKEN_ID.matcher(rest).matches()) {
            return Optional.of(tokenId(rest));
        }
        if (word.equals(Kind.SUBJECT.word) && !rest.isEmpty()) {
            return Optional.of(new Revocation(Kind.SUBJECT, rest));
        }
        throw new IllegalArgumentException("expected 'jti <32 hex digits>' or 'sub <subject>'");
    }

    /** The line of the revocation file, without its line break. */
    public String line() {
        return kind.word + " " + value;
    }
}
