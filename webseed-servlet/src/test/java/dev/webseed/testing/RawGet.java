package dev.webseed.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One HTTP/1.1 GET over a plain socket with {@code Connection: close}, read to the end: unlike an
 * HTTP client library it keeps a body the server cut short (fewer bytes than {@code
 * Content-Length}), which is what a test of a byte budget needs to count.
 *
 * @param status the status code
 * @param head   the status line and header fields, as text
 * @param body   every byte after the header block, however many arrived
 */
public record RawGet(int status, String head, byte[] body) {
    /** GETs {@code target} from 127.0.0.1:{@code port}, waiting at most 60 s for the server. */
    public static RawGet get(int port, String target, String... headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                    .append(port).append("\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 << 10];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // a connection reset after a short body: keep what arrived
            }
            byte[] bytes = all.toByteArray();
            int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (end < 0) {
                throw new IOException("no complete response head: " + new String(bytes, StandardCharsets.ISO_8859_1));
            }
            String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            return new RawGet(status, head, Arrays.copyOfRange(bytes, end + 4, bytes.length));
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
