package dev.webseed.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free ports on 127.0.0.1 for the real servers the tests start (Redis, nginx, a distribution). */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /** A port that was free a moment ago (the OS picks it); the caller binds it soon after. */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
