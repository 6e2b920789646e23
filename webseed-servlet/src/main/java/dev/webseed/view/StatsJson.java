package dev.webseed.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** {@code /stats}: the {@link StatsReport} as JSON, written by Jackson field for field. */
public final class StatsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private StatsJson() {
    }

    /** The report as UTF-8 JSON. */
    public static byte[] write(StatsReport report) {
        try {
            return MAPPER.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stats report not serialisable", e);
        }
    }
}
