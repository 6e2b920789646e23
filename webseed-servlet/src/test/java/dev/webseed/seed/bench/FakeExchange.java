package dev.webseed.seed.bench;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The cheapest request and response {@code SeedService} can be driven with: wrappers whose
 * methods used by the service are overridden with plain fields, so a benchmark measures our code,
 * not a container. Anything else reaches a proxy that throws.
 */
final class FakeExchange {
    private FakeExchange() {
    }

    private static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(FakeExchange.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                }));
    }

    /** A GET or HEAD of {@code uri} in context {@code /ctx}, servlet {@code /seed}. */
    static final class Request extends HttpServletRequestWrapper {
        private final String method;
        private final String uri;
        private final String range;

        Request(String method, String uri, String range) {
            super(unsupported(HttpServletRequest.class));
            this.method = method;
            this.uri = uri;
            this.range = range;
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public String getContextPath() {
            return "/ctx";
        }

        @Override
        public String getServletPath() {
            return "/seed";
        }

        @Override
        public String getHeader(String name) {
            return name.equals("Range") ? range : null;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return name.equals("Range") && range != null ? Collections.enumeration(java.util.List.of(range))
                    : Collections.emptyEnumeration();
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }
    }

    /** Keeps the status and headers in a map; the body goes nowhere. */
    static final class Response extends HttpServletResponseWrapper {
        final Map<String, String> headers = new HashMap<>();
        int status;
        long contentLength;
        long bodyBytes;
        private final ServletOutputStream sink = new ServletOutputStream() {
            @Override
            public void write(int b) {
                bodyBytes++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bodyBytes += len;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };

        Response() {
            super(unsupported(HttpServletResponse.class));
        }

        void reset(int ignored) {
            headers.clear();
            status = 0;
            contentLength = -1;
            bodyBytes = 0;
        }

        @Override
        public void setHeader(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public void setContentType(String type) {
            headers.put("Content-Type", type);
        }

        @Override
        public void setContentLength(int len) {
            contentLength = len;
        }

        @Override
        public void setContentLengthLong(long len) {
            contentLength = len;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return sink;
        }

        @Override
        public boolean isCommitted() {
            return false;
        }
    }
}
