package dev.webseed.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The few Chrome DevTools protocol calls {@link HeadlessChromium#liveScreenshot} needs, over the
 * JDK's WebSocket client: read the port Chromium wrote to {@code DevToolsActivePort} in its
 * profile, attach to the page target, navigate, wait, capture.
 */
final class DevTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DevTools() {
    }

    static byte[] screenshot(Path profile, URI page, Duration wait, Duration deadline) throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        long until = System.nanoTime() + deadline.toNanos();
        while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("chromium wrote no DevToolsActivePort");
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        String socket = null;
        for (JsonNode target : targets) {
            if (target.path("type").asText().equals("page")) {
                socket = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (socket == null) {
            throw new AssertionError("no page target in " + targets);
        }
        LinkedBlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(socket), new Collector(replies))
                .get(30, TimeUnit.SECONDS);
        try {
            call(ws, replies, 1, "Page.navigate", "{\"url\":\"" + page + "\"}", deadline);
            Thread.sleep(wait.toMillis()); // real time on purpose: the page polls and charts its history
            JsonNode shot = call(ws, replies, 2, "Page.captureScreenshot", "{\"format\":\"png\"}", deadline);
            return Base64.getDecoder().decode(shot.path("result").path("data").asText());
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    private static JsonNode call(WebSocket ws, LinkedBlockingQueue<JsonNode> replies, int id, String method,
            String params, Duration deadline) throws Exception {
        ws.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true)
                .get(30, TimeUnit.SECONDS);
        long until = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < until) {
            JsonNode reply = replies.poll(1, TimeUnit.SECONDS);
            if (reply != null && reply.path("id").asInt() == id) {
                if (reply.has("error")) {
                    throw new AssertionError(method + " failed: " + reply.path("error"));
                }
                return reply;
            }
        }
        throw new AssertionError(method + ": no answer");
    }

    /** Joins text frames into messages and queues each one parsed. */
    private static final class Collector implements WebSocket.Listener {
        private final LinkedBlockingQueue<JsonNode> replies;
        private final StringBuilder partial = new StringBuilder();

        Collector(LinkedBlockingQueue<JsonNode> replies) {
            this.replies = replies;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    replies.add(JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    replies.add(JSON.createObjectNode().put("error", e.toString()));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
