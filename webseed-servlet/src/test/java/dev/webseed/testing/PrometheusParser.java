package dev.webseed.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The reference parser of the Prometheus text format: Debian's {@code python3-prometheus-client}
 * ({@code prometheus_client.parser.text_string_to_metric_families}) run by {@code /usr/bin/python3}
 * (the {@code python3} on PATH may be another one without the package). Gated like every real
 * part: missing fails under {@code -Dwebseed.interop=required}, skips under {@code auto}.
 */
public final class PrometheusParser {
    private static final String SCRIPT = String.join("\n",
            "import json, sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "out = {}",
            "for family in text_string_to_metric_families(sys.stdin.read()):",
            "    for s in family.samples:",
            "        labels = ','.join(k + '=' + v for k, v in sorted(s.labels.items()))",
            "        out[s.name + '{' + labels + '}'] = {'type': family.type, 'value': s.value}",
            "print(json.dumps(out))");

    private PrometheusParser() {
    }

    /**
     * Parses exposition text; the key of each sample is {@code name{k=v,...}} with labels sorted,
     * the value its number (NaN as the JSON token {@code NaN}).
     *
     * @throws AssertionError when the parser rejects the text, with its message
     */
    public static Map<String, Double> parse(String text) throws IOException, InterruptedException {
        Path python = Interop.require("/usr/bin/python3", "apt-get install python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import prometheus_client.parser")
                .redirectErrorStream(true).start();
        if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            probe.destroyForcibly();
            return Interop.missing("python3-prometheus-client (apt-get install python3-prometheus-client)");
        }
        Process process = new ProcessBuilder(python.toString(), "-c", SCRIPT).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("prometheus_client rejected the text: " + new String(err, StandardCharsets.UTF_8));
        }
        // Python's json writes NaN for an unknown ratio
        JsonNode parsed = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(out);
        Map<String, Double> samples = new LinkedHashMap<>();
        parsed.fields().forEachRemaining(e -> samples.put(e.getKey(), e.getValue().path("value").asDouble()));
        return samples;
    }
}
