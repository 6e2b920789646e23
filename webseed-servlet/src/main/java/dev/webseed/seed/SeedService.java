package dev.webseed.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.http.RequestPath;
import dev.webseed.paygate.Paygate;
import dev.webseed.range.ByteRange;
import dev.webseed.range.ConditionalHeaders;
import dev.webseed.range.Preconditions;
import dev.webseed.range.RangeParser;
import dev.webseed.range.RangeRequest;
import dev.webseed.range.Validators;
import dev.webseed.stats.Outcome;
import dev.webseed.stats.WebseedStats;

/**
 * Serves BEP 19 webseed requests: maps the request path to a file or a BEP 47 pad, evaluates
 * validators and ranges, and hands the bytes to {@link SeedTransfer}. The servlet in front of it
 * only adds CORS and picks the method (Jetty's {@code DefaultServlet} over {@code ResourceService}
 * split). Built with {@link #builder(ContentRoot)}.
 *
 * <p>Every answer is a complete response: 200 with {@code Content-Length} (never chunked,
 * docs/protocol.md W3), 206 with an exact {@code Content-Range} (W1, W2), {@code
 * multipart/byteranges} with an exact length, 304, 412, 416 with {@code bytes *}{@code /len}, or a
 * short plain-text error (no container error page, no stack trace). No {@code Content-Encoding}
 * is ever set (W6) and no status is used for transient conditions (W12). {@code Accept-Ranges:
 * bytes} is on every response.</p>
 *
 * <p>{@code Content-Type} is always {@code application/octet-stream}, with {@code
 * X-Content-Type-Options: nosniff}: a webseed hands bytes to torrent clients, which ignore the type,
 * and typing by extension would let a published {@code .html} or {@code .svg} run as a page of the
 * origin. {@code Cache-Control: no-transform} tells proxies not to recompress (W6).</p>
 *
 * <p>Paid content: {@link SeedAccess} decides first, from the path alone, before the file system
 * and the first byte; a refusal is a 403 with {@code Cache-Control: no-store} and the reason, and
 * for a token with a byte budget every chunk is reserved before it is sent ({@link BudgetedSession}).</p>
 *
 * <p>Paths: any regular file the {@link ContentRoot} resolves is served (every such file can be
 * published), and a folder holding one file under the URLs clients use for it ({@link
 * OneFileFolders}, W10); other folders, hidden names, the hash cache and anything outside the
 * root are 404.</p>
 *
 * <p>Fast paths: what a request needs about a path is cached for {@link #FILE_INFO_TTL}
 * ({@link ContentCache}); file bytes go through the {@link ContentSender} installed in the
 * servlet context (Jetty's mapped-buffer sender) or the portable copying one; on Tomcat, single
 * spans above 48 KiB are handed to Tomcat's sendfile through request attributes ({@link
 * TomcatSendfile}). Nothing is logged on the success path.</p>
 */
public final class SeedService {
    static final String OCTET_STREAM = "application/octet-stream";
    private static final int RETAINED_BUFFERS = 32;
    /** How long a looked-up file's length and validators are trusted (see {@link ContentCache}). */
    public static final Duration FILE_INFO_TTL = Duration.ofSeconds(1);
    private static final long FILE_INFO_ENTRIES = 10_000;

    private final ContentRoot content;
    private final WebseedStats stats;
    private final int maxRanges;
    private final int maxPathBytes;
    private final ContentCache cache;
    private final SeedAccess access;
    private final OneFileFolders oneFileFolders;
    private final SeedResponses responses;
    private final SeedTransfer transfer;

    private SeedService(Builder b) {
        this.content = b.content;
        this.stats = b.stats;
        this.maxRanges = b.maxRanges;
        this.maxPathBytes = b.maxPathBytes;
        this.cache = new ContentCache(FILE_INFO_TTL, b.clock, FILE_INFO_ENTRIES);
        this.access = b.paygate == null ? SeedAccess.OPEN : new SeedAccess(b.paygate, b.budgetChunk);
        this.oneFileFolders = new OneFileFolders(content);
        this.responses = new SeedResponses(stats);
        ContentSender sender = b.wrap.apply(b.sender != null ? b.sender
                : new CopyingSender(new BufferPool(CopyingSender.BUFFER_SIZE, RETAINED_BUFFERS)));
        this.transfer = new SeedTransfer(sender, cache, stats, responses);
    }

    /** A builder of a service over {@code content}; every other part is optional. */
    public static Builder builder(ContentRoot content) {
        return new Builder(content);
    }

    /**
     * Builds a {@link SeedService}: the content root is required; the limits default to the
     * settings' defaults, the statistics to a fresh {@link WebseedStats}, the clock to UTC system
     * time, the sender to the built-in copying one, and no content is paid.
     */
    public static final class Builder {
        private final ContentRoot content;
        private int maxRanges = Settings.MAX_RANGES.defaultValue().orElseThrow();
        private int maxPathBytes = Settings.MAX_PATH_BYTES.defaultValue().orElseThrow();
        private long budgetChunk = Settings.BUDGET_CHUNK_BYTES.defaultValue().orElseThrow();
        private WebseedStats stats = new WebseedStats();
        private Clock clock = Clock.systemUTC();
        private ContentSender sender;
        private Function<ContentSender, ContentSender> wrap = Function.identity();
        private Paygate paygate;

        private Builder(ContentRoot content) {
            this.content = Objects.requireNonNull(content, "content");
        }

        /**
         * Takes {@code maxRanges}, {@code maxPathBytes} and {@code budgetChunkBytes} from a
         * configuration, whose parser has checked their ranges (the one place those rules live).
         */
        public Builder limits(WebseedConfig config) {
            Objects.requireNonNull(config, "config");
            this.maxRanges = config.get(Settings.MAX_RANGES);
            this.maxPathBytes = config.get(Settings.MAX_PATH_BYTES);
            this.budgetChunk = config.get(Settings.BUDGET_CHUNK_BYTES);
            return this;
        }

        /** Where requests, outcomes and bytes are counted. */
        public Builder stats(WebseedStats stats) {
            this.stats = Objects.requireNonNull(stats, "stats");
            return this;
        }

        /** The clock that ages the file-metadata cache ({@link #FILE_INFO_TTL}). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Writes file bytes (the embedded Jetty server's zero-copy sender, say). */
        public Builder sender(ContentSender sender) {
            this.sender = Objects.requireNonNull(sender, "sender");
            return this;
        }

        /**
         * Wraps whichever sender writes the bytes, the built-in one included (the origin scheduler
         * of {@code dev.webseed.origin}, per-chunk budgets); several wraps apply in call order, the last outermost.
         * The wrapped sender is also asked before a span is handed to Tomcat's sendfile.
         */
        public Builder wrapSender(UnaryOperator<ContentSender> wrapper) {
            Objects.requireNonNull(wrapper, "wrapper");
            this.wrap = this.wrap.andThen(wrapper);
            return this;
        }

        /** Lets paid content through only as the paygate allows (see {@link SeedAccess}). */
        public Builder paygate(Paygate paygate) {
            this.paygate = Objects.requireNonNull(paygate, "paygate");
            return this;
        }

        /** The service. */
        public SeedService build() {
            return new SeedService(this);
        }
    }

    /**
     * Answers a GET ({@code head == false}) or HEAD, paid content checked before the file system
     * and the first byte. A HEAD gets the headers of the same GET without
     * its {@code Range} (RFC 9110 §14.2: GET is the only method with range semantics) and no body.
     */
    public void serve(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
        response.setHeader("Accept-Ranges", "bytes");
        RequestPath path = RequestPath.decode(request.getRequestURI(), request.getContextPath(),
                request.getServletPath(), maxPathBytes);
        if (!path.ok()) {
            responses.plainText(response, path.status(), path.reason(), head);
            return;
        }
        SeedAccess.Admission admission = access.admit(path);
        if (!admission.refused() && cache.get(admission.path().joined()).isEmpty()) {
            // W10: a one-file folder's URL names its one file; the paygate decides again on that file
            Optional<List<String>> file = oneFileFolders.fileOf(admission.path().segments());
            if (file.isPresent()) {
                admission.settle(); // nothing reserved yet: a no-op, kept for symmetry
                admission = access.admit(path.token(), RequestPath.of(file.get()));
            }
        }
        if (admission.refused()) {
            response.setHeader("Cache-Control", "no-store");
            responses.plainText(response, HttpServletResponse.SC_FORBIDDEN, admission.refusal(), head);
            return;
        }
        try {
            serveAdmitted(request, response, head, admission);
        } finally {
            admission.settle();
        }
    }

    private void serveAdmitted(HttpServletRequest request, HttpServletResponse response, boolean head,
            SeedAccess.Admission admission) throws IOException {
        RequestPath path = admission.path();
        String key = path.joined();
        Optional<SeedContent> found = cache.get(key);
        if (found.isEmpty()) {
            found = locate(path.segments());
            found.ifPresent(item -> cache.put(key, item));
        }
        if (found.isEmpty()) {
            responses.plainText(response, HttpServletResponse.SC_NOT_FOUND, "not found", head);
            return;
        }
        SeedContent item = found.get();
        Validators validators = item.validators();
        ConditionalHeaders conditions = new ConditionalHeaders(request.getHeader("If-Match"),
                request.getHeader("If-None-Match"), request.getHeader("If-Modified-Since"),
                request.getHeader("If-Unmodified-Since"), request.getHeader("If-Range"));
        Preconditions.Result precondition = Preconditions.evaluate(conditions, validators);
        if (precondition == Preconditions.Result.NOT_MODIFIED) {
            // RFC 9110 §15.4.5: a 304 carries the validators a 200 would have carried, and no content
            stats.recordRequest(Outcome.NOT_MODIFIED);
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            SeedResponses.validatorHeaders(response, item);
            return;
        }
        if (precondition == Preconditions.Result.PRECONDITION_FAILED) {
            responses.plainText(response, HttpServletResponse.SC_PRECONDITION_FAILED, "precondition failed", head);
            return;
        }
        String range = head ? null : rangeHeader(request);
        if (range != null && !Preconditions.ifRangeHolds(conditions.ifRange(), validators)) {
            range = null; // RFC 9110 §13.1.5: a failed If-Range means the whole representation, 200
        }
        RangeRequest decision = RangeParser.parse(range, item.length(), maxRanges);
        if (decision.kind() == RangeRequest.Kind.UNSATISFIABLE) {
            // RFC 9110 §15.5.17: a 416 SHOULD carry Content-Range: bytes */length
            response.setHeader("Content-Range", ByteRange.unsatisfied(item.length()));
            SeedResponses.validatorHeaders(response, item);
            responses.plainText(response, HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE, decision.reason(), head);
            return;
        }
        transfer.send(request, response, item, decision, head, key, admission);
    }

    /** A 405 for any method but GET, HEAD and OPTIONS, with {@code Allow} (RFC 9110 §15.5.6). */
    public void methodNotAllowed(HttpServletResponse response, String allow) throws IOException {
        response.setHeader("Allow", allow);
        response.setHeader("Accept-Ranges", "bytes");
        responses.plainText(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method not allowed", false);
    }

    /** The file or pad a decoded path names, if it may be served. */
    Optional<SeedContent> locate(List<String> segments) throws IOException {
        OptionalLong pad = PadFiles.padLength(segments);
        if (pad.isPresent()) {
            Optional<Path> folder = content.resolve(String.join("/", PadFiles.prefix(segments)));
            return folder.filter(Files::isDirectory).map(f -> new SeedContent.PadContent(pad.getAsLong()));
        }
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> file = content.resolve(String.join("/", segments)).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return Optional.empty(); // directories included: a folder has no bytes to serve
        }
        try {
            return Optional.of(SeedContent.FileContent.of(file.get()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Range field lines joined as one list (RFC 9110 §5.3), or null when absent. */
    private static String rangeHeader(HttpServletRequest request) {
        List<String> lines = Collections.list(request.getHeaders("Range"));
        return lines.isEmpty() ? null : String.join(", ", lines);
    }
}
