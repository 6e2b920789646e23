package dev.webseed.paygate;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.webseed.metainfo.InfoHash;

/**
 * The binary payload, layout version 1 (documented byte by byte in {@code package-info.java}).
 * The decoder reads only bytes whose signature has already been checked, yet still treats them
 * as hostile: every length is bounded, every byte is accounted for, nothing is left over.
 */
final class TokenCodec {
    static final int VERSION = 1;
    static final int TOKEN_ID_BYTES = 16;
    static final int MAX_SUBJECT_BYTES = 128;
    static final int MAX_SCOPES = 16;
    static final int FLAG_NBF = 1;
    static final int FLAG_BUDGET = 2;
    static final int SCOPE_INFO_HASH = 1;
    static final int SCOPE_PATH = 2;
    /** 9999-12-31T23:59:59Z: times beyond are refused, so millisecond arithmetic never overflows. */
    static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private TokenCodec() {
    }

    /** A payload that cannot be used; the verifier turns it into a refusal. */
    static final class PayloadException extends Exception {
        final DenialReason reason;

        PayloadException(DenialReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    static byte[] encode(byte[] tokenId, String subject, List<Scope> scopes, long exp, OptionalLong nbf,
            OptionalLong budget) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(VERSION);
        out.write((nbf.isPresent() ? FLAG_NBF : 0) | (budget.isPresent() ? FLAG_BUDGET : 0));
        out.writeBytes(tokenId);
        writeLong(out, exp);
        nbf.ifPresent(v -> writeLong(out, v));
        budget.ifPresent(v -> writeLong(out, v));
        byte[] sub = subject.getBytes(StandardCharsets.UTF_8);
        out.write(sub.length);
        out.writeBytes(sub);
        out.write(scopes.size());
        for (Scope scope : scopes) {
            if (scope instanceof Scope.OfInfoHash h) {
                out.write(SCOPE_INFO_HASH);
                out.writeBytes(h.hash().bytes());
            } else {
                byte[] path = ((Scope.OfPath) scope).prefix().getBytes(StandardCharsets.UTF_8);
                out.write(SCOPE_PATH);
                out.write(path.length);
                out.writeBytes(path);
            }
        }
        return out.toByteArray();
    }

    static TokenClaims decode(byte[] payload, String kid) throws PayloadException {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int version = u8(in);
        if (version != VERSION) {
            throw new PayloadException(DenialReason.UNSUPPORTED_VERSION, "version " + version);
        }
        int flags = u8(in);
        if ((flags & ~(FLAG_NBF | FLAG_BUDGET)) != 0) {
            throw bad("unknown flags");
        }
        byte[] tokenId = bytes(in, TOKEN_ID_BYTES);
        long exp = time(in);
        Optional<Instant> nbf = Optional.empty();
        if ((flags & FLAG_NBF) != 0) {
            long value = time(in);
            if (value > exp) {
                throw bad("nbf after exp");
            }
            nbf = Optional.of(Instant.ofEpochSecond(value));
        }
        OptionalLong budget = OptionalLong.empty();
        if ((flags & FLAG_BUDGET) != 0) {
            long value = i64(in);
            if (value <= 0) {
                throw bad("budget not positive");
            }
            budget = OptionalLong.of(value);
        }
        String subject = subject(utf8(in, u8(in)));
        int count = u8(in);
        if (count < 1 || count > MAX_SCOPES) {
            throw bad("scope count " + count);
        }
        List<Scope> scopes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            scopes.add(scope(in));
        }
        if (in.hasRemaining()) {
            throw bad("trailing bytes");
        }
        return new TokenClaims(version, kid, HexFormat.of().formatHex(tokenId), subject, scopes,
                Instant.ofEpochSecond(exp), nbf, budget);
    }

    /** The subject rules, shared by issuer and decoder: 1-128 bytes, printable, no outer spaces. */
    static String subject(String subject) throws PayloadException {
        String problem = subjectProblem(subject);
        if (problem != null) {
            throw bad("subject " + problem);
        }
        return subject;
    }

    static String subjectProblem(String subject) {
        int bytes = subject.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 1 || bytes > MAX_SUBJECT_BYTES) {
            return "must have 1 to " + MAX_SUBJECT_BYTES + " bytes of UTF-8";
        }
        if (subject.chars().anyMatch(Character::isISOControl) || !subject.equals(subject.strip())) {
            return "must not hold control characters or begin or end with a space";
        }
        return null;
    }

    private static Scope scope(ByteBuffer in) throws PayloadException {
        int type = u8(in);
        if (type == SCOPE_INFO_HASH) {
            return Scope.infoHash(InfoHash.of(bytes(in, InfoHash.LENGTH)));
        }
        if (type == SCOPE_PATH) {
            String prefix = utf8(in, u8(in));
            try {
                Scope.OfPath path = new Scope.OfPath(prefix);
                if (!path.prefix().equals(prefix)) {
                    throw bad("path scope not normalised");
                }
                return path;
            } catch (IllegalArgumentException e) {
                throw bad("path scope invalid");
            }
        }
        throw bad("scope type " + type);
    }

    private static long time(ByteBuffer in) throws PayloadException {
        long value = i64(in);
        if (value < 0 || value > MAX_EPOCH_SECOND) {
            throw bad("time out of range");
        }
        return value;
    }

    private static int u8(ByteBuffer in) throws PayloadException {
        need(in, 1);
        return in.get() & 0xff;
    }

    private static long i64(ByteBuffer in) throws PayloadException {
        need(in, 8);
        return in.getLong();
    }

    private static byte[] bytes(ByteBuffer in, int n) throws PayloadException {
        need(in, n);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private static String utf8(ByteBuffer in, int n) throws PayloadException {
        need(in, n);
        ByteBuffer slice = in.slice().limit(n);
        in.position(in.position() + n);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw bad("invalid UTF-8");
        }
    }

    private static void need(ByteBuffer in, int n) throws PayloadException {
        if (in.remaining() < n) {
            throw bad("truncated");
        }
    }

    private static PayloadException bad(String detail) {
        return new PayloadException(DenialReason.BAD_PAYLOAD, detail);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
    }
}
