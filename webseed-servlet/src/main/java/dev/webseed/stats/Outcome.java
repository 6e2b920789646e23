package dev.webseed.stats;

/** How the webseed answered one request; each outcome has its own counter in {@link WebseedStats}. */
public enum Outcome {
    /** 200 with the whole file (no Range, a Range to ignore, or a failed If-Range). */
    FULL,
    /** 206 with one range. */
    PARTIAL,
    /** 206 with {@code multipart/byteranges}. */
    MULTIPART,
    /** 304 from If-None-Match or If-Modified-Since. */
    NOT_MODIFIED,
    /** 412 from If-Match or If-Unmodified-Since. */
    PRECONDITION_FAILED,
    /** 416: no satisfiable range, a malformed bytes range or too many ranges. */
    RANGE_NOT_SATISFIABLE,
    /** 404: nothing servable at that path. */
    NOT_FOUND,
    /** 403: the path needs a paygate token and none, or no valid one, came with the request. */
    FORBIDDEN,
    /** Other 4xx: a malformed or overlong path, a method other than GET, HEAD and OPTIONS. */
    BAD_REQUEST,
    /** An OPTIONS request (CORS preflight). */
    OPTIONS,
    /** 500: a bug or an unreadable file; logged. */
    SERVER_ERROR
}
