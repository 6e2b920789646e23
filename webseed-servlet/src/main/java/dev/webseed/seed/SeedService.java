package dev.webseed.seed;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
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
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.publish.PaidAccess;
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
 * validators and ranges, and streams the bytes. The servlet in front of it only adds CORS and picks
 * the method (Jetty's {@code DefaultServlet} over {@code ResourceService} split).
 *
 * <p>Every answer is a complete response written here: 200 with {@code Content-Length} (never
 * chunked, W3), 206 with an exact {@code Content-Range} (W1, W2), {@code multipart/byteranges}
 * with an exact length, 304, 412, 416 with {@code bytes *}{@code /len}, or a short plain-text error
 * (no container error page, no stack trace). No {@code Content-Encoding} is ever set (W6) and no
 * status is used for transient conditions (W12). {@code Accept-Ranges: bytes} is on every
 * response.</p>
 *
 * <p>{@code Content-Type} is always {@code application/octet-stream}, with {@code
 * X-Content-Type-Options: nosniff}: a webseed hands bytes to torrent clients, which ignore the type,
 * and typing by extension would let a published {@code .html} or {@code .svg} run as a page of the
 * origin. {@code Cache-Control: no-transform} tells proxies not to recompress (W6).</p>
 *
 * <p>Paid content: {@link SeedAccess} decides first, from the path alone; a refusal is a 403
 * with {@code Cache-Control: no-store} and the reason, and the bytes written for a token with a
 * byte budget are charged to it after the response.</p>
 *
 * <p>Paths: any regular file the {@link ContentRoot} resolves is served (every such file can be
 * published, DESIGN.md "Publications"); folders, hidden names, the hash cache and anything outside
 * the root are 404.</p>
 *
 * <p>Fast paths (issue 6): what a request needs about a path is cached for {@link #FILE_INFO_TTL}
 * ({@link ContentCache}); file bytes go through the {@link ContentSender} installed in the
 * servlet context (Jetty's mapped-buffer sender) or the portable copying one; on Tomcat, single
 * spans above 48 KiB are handed to Tomcat's sendfile through request attributes ({@link
 * TomcatSendfile}). Nothing is logged on the success path.</p>
 */
public final class SeedService {
    static final String OCTET_STREAM = "application/octet-stream";
    private static final System.Logger LOG = System.getLogger(SeedService.class.getName());
    private static final int RETAINED_BUFFERS = 32;
    /** How long a looked-up file's length and validators are trusted (see {@link ContentCache}). */
    public static final Duration FILE_INFO_TTL = Duration.ofSeconds(1);
    private static final long FILE_INFO_ENTRIES = 10_000;

    private final ContentRoot content;
    private final WebseedStats stats;
    private final int maxRanges;
    private final int maxPathBytes;
    private final ContentSender sender;
    private final ContentCache cache;
    private final SeedAccess access;

    SeedService(ContentRoot content, WebseedStats stats, int maxRanges, int maxPathBytes, ContentSender sender,
            ContentCache cache, SeedAccess access) {
        this.access = Objects.requireNonNull(access, "access");
        this.content = Objects.requireNonNull(content, "content");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.maxRanges = maxRanges;
        this.maxPathBytes = maxPathBytes;
        this.sender = Objects.requireNonNull(sender, "sender");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** A service over the content root, counting into {@code stats}, with the limits of {@code config}. */
    public static SeedService create(WebseedConfig config, ContentRoot content, WebseedStats stats) {
        return create(config, content, stats, Clock.systemUTC(), null, null);
    }

    /** Like {@link #create(WebseedConfig, ContentRoot, WebseedStats, Clock, ContentSender, PaidAccess)}, unguarded. */
    public static SeedService create(WebseedConfig config, ContentRoot content, WebseedStats stats, Clock clock,
            ContentSender sender) {
        return create(config, content, stats, clock, sender, null);
    }

    /**
     * A service that trusts looked-up file metadata for {@link #FILE_INFO_TTL} of {@code clock},
     * writes file bytes with {@code sender} ({@code null}: the built-in copying sender) and lets
     * paid content through only as {@code paid} allows ({@code null}: no paygate; see {@link SeedAccess}).
     */
    public static SeedService create(WebseedConfig config, ContentRoot content, WebseedStats stats, Clock clock,
            ContentSender sender, PaidAccess paid) {
        return create(config, content, stats, clock, sender, paid, UnaryOperator.identity());
    }

    /**
     * Like {@link #create(WebseedConfig, ContentRoot, WebseedStats, Clock, ContentSender, PaidAccess)},
     * with the sender wrapped by {@code decorate} (the origin scheduler of issue 11), which is also
     * asked before a span is handed to Tomcat's sendfile.
     */
    public static SeedService create(WebseedConfig config, ContentRoot content, WebseedStats stats, Clock clock,
            ContentSender sender, PaidAccess paid, UnaryOperator<ContentSender> decorate) {
        ContentSender chosen = decorate.apply(sender != null ? sender
                : new CopyingSender(new BufferPool(CopyingSender.BUFFER_SIZE, RETAINED_BUFFERS)));
        return new SeedService(content, stats, config.get(Settings.MAX_RANGES), config.get(Settings.MAX_PATH_BYTES),
                chosen, new ContentCache(FILE_INFO_TTL, clock, FILE_INFO_ENTRIES),
                paid == null ? SeedAccess.OPEN : new SeedAccess(paid));
    }

    /**
     * Answers a GET ({@code head == false}) or HEAD. A HEAD gets the headers of the same GET without
     * its {@code Range} (RFC 9110 §14.2: GET is the only method with range semantics) and no body.
     */
    public void serve(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
        response.setHeader("Accept-Ranges", "bytes");
        RequestPath path = RequestPath.decode(request.getRequestURI(), request.getContextPath(),
                request.getServletPath(), maxPathBytes);
        if (!path.ok()) {
            plainText(response, path.status(), path.reason(), head);
            return;
        }
        // --- paygate front (issue 4): before the file system and the first byte -----------------
        SeedAccess.Admission admission = access.admit(path);
        if (admission.refused()) {
            response.setHeader("Cache-Control", "no-store");
            plainText(response, HttpServletResponse.SC_FORBIDDEN, admission.refusal(), head);
            return;
        }
        path = admission.path();
        try {
            serveAdmitted(request, response, head, path, admission.counter(stats));
        } finally {
            admission.charge();
        }
    }

    private void serveAdmitted(HttpServletRequest request, HttpServletResponse response, boolean head,
            RequestPath path, LongConsumer written) throws IOException {
        // --- end of the paygate front -----------------------------------------------------------
        String key = path.joined();
        Optional<SeedContent> found = cache.get(key);
        if (found.isEmpty()) {
            found = locate(path.segments());
            found.ifPresent(item -> cache.put(key, item));
        }
        if (found.isEmpty()) {
            plainText(response, HttpServletResponse.SC_NOT_FOUND, "not found", head);
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
            validatorHeaders(response, item);
            return;
        }
        if (precondition == Preconditions.Result.PRECONDITION_FAILED) {
            plainText(response, HttpServletResponse.SC_PRECONDITION_FAILED, "precondition failed", head);
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
            validatorHeaders(response, item);
            plainText(response, HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE, decision.reason(), head);
            return;
        }
        send(request, response, item, decision, head, key, written);
    }

    /** A 405 for any method but GET, HEAD and OPTIONS, with {@code Allow} (RFC 9110 §15.5.6). */
    public void methodNotAllowed(HttpServletResponse response, String allow) throws IOException {
        response.setHeader("Allow", allow);
        response.setHeader("Accept-Ranges", "bytes");
        plainText(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method not allowed", false);
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

    private void send(HttpServletRequest request, HttpServletResponse response, SeedContent item,
            RangeRequest decision, boolean head, String key, LongConsumer written) throws IOException {
        boolean oneSpan = decision.kind() == RangeRequest.Kind.FULL || decision.isSingle();
        if (!head && oneSpan && item instanceof SeedContent.FileContent file) {
            ByteRange span = decision.kind() == RangeRequest.Kind.FULL ? null : decision.ranges().get(0);
            long length = span == null ? item.length() : span.length();
            long first = span == null ? 0 : span.first();
            if (TomcatSendfile.usable(request, response, length)
                    && sender.mayHandOff(file.path(), file.length(), file.validators().etag(), first, length)) {
                singleSpanHeaders(response, item, span);
                TomcatSendfile.schedule(request, file.path(), first, length);
                written.accept(length); // counted as scheduled: Tomcat writes after we return
                return;
            }
        }
        ContentSender.Session session;
        try {
            session = head ? null : open(item);
        } catch (ContentSender.ContentReadException e) {
            cache.invalidate(key);
            if (e.getCause() instanceof NoSuchFileException) {
                plainText(response, HttpServletResponse.SC_NOT_FOUND, "not found", false); // deleted just now
                return;
            }
            LOG.log(Level.WARNING, "webseed: {0}", e.getMessage());
            plainText(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "file unreadable", false);
            return;
        }
        try {
            if (decision.kind() == RangeRequest.Kind.FULL) {
                singleSpanHeaders(response, item, null);
                if (session != null && item.length() > 0) {
                    session.send(0, item.length(), response.getOutputStream(), written);
                }
            } else if (decision.isSingle()) {
                ByteRange only = decision.ranges().get(0);
                singleSpanHeaders(response, item, only);
                session.send(only.first(), only.length(), response.getOutputStream(), written);
            } else {
                commonHeaders(response, item);
                stats.recordRequest(Outcome.MULTIPART);
                sendMultipart(response, item, decision.ranges(), session, written);
            }
        } catch (ContentSender.ContentReadException e) {
            // headers are out; the container ends the connection on the short body
            cache.invalidate(key);
            LOG.log(Level.WARNING, "webseed: response cut short: {0}", e.getMessage());
        } catch (IOException e) {
            // W15: clients abort mid-response all the time (cancelled pieces, finished torrents)
            stats.recordAbort();
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "webseed: client went away: {0}", String.valueOf(e));
            }
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private ContentSender.Session open(SeedContent item) throws IOException {
        if (item instanceof SeedContent.FileContent file) {
            return sender.open(file.path(), file.length(), file.validators().etag());
        }
        return CopyingSender.zeros();
    }

    /** Status and headers of a 200 ({@code span == null}) or a single-range 206, counted. */
    private void singleSpanHeaders(HttpServletResponse response, SeedContent item, ByteRange span) {
        commonHeaders(response, item);
        response.setContentType(OCTET_STREAM);
        if (span == null) {
            stats.recordRequest(Outcome.FULL);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentLengthLong(item.length());
        } else {
            stats.recordRequest(Outcome.PARTIAL);
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", span.contentRange(item.length()));
            response.setContentLengthLong(span.length());
        }
    }

    private static void commonHeaders(HttpServletResponse response, SeedContent item) {
        validatorHeaders(response, item);
        response.setHeader("Cache-Control", "no-transform");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    private void sendMultipart(HttpServletResponse response, SeedContent item, List<ByteRange> ranges,
            ContentSender.Session session, LongConsumer written) throws IOException {
        Multipart multipart = Multipart.random(item.length());
        response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        response.setContentType(multipart.contentType());
        response.setContentLengthLong(multipart.contentLength(ranges));
        OutputStream out = response.getOutputStream();
        for (int i = 0; i < ranges.size(); i++) {
            ByteRange range = ranges.get(i);
            out.write(multipart.partHeader(i, range));
            session.send(range.first(), range.length(), out, written);
        }
        out.write(multipart.closing());
    }

    /** Range field lines joined as one list (RFC 9110 §5.3), or null when absent. */
    private static String rangeHeader(HttpServletRequest request) {
        List<String> lines = Collections.list(request.getHeaders("Range"));
        return lines.isEmpty() ? null : String.join(", ", lines);
    }

    private static void validatorHeaders(HttpServletResponse response, SeedContent item) {
        response.setHeader("ETag", item.validators().etag());
        String lastModified = item.lastModifiedHeader();
        if (lastModified != null) {
            response.setHeader("Last-Modified", lastModified);
        }
    }

    /**
     * Ends the response with a status and a one-line plain-text body written here: never
     * {@code sendError}, so no container error page and no stack trace reaches a client.
     */
    private void plainText(HttpServletResponse response, int status, String reason, boolean head)
            throws IOException {
        stats.recordRequest(outcome(status));
        byte[] body = (status + " " + reason + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    private static Outcome outcome(int status) {
        switch (status) {
            case HttpServletResponse.SC_FORBIDDEN:
                return Outcome.FORBIDDEN;
            case HttpServletResponse.SC_NOT_FOUND:
                return Outcome.NOT_FOUND;
            case HttpServletResponse.SC_PRECONDITION_FAILED:
                return Outcome.PRECONDITION_FAILED;
            case HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE:
                return Outcome.RANGE_NOT_SATISFIABLE;
            default:
                return status >= 500 ? Outcome.SERVER_ERROR : Outcome.BAD_REQUEST;
        }
    }
}
