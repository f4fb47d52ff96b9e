package org.hiehub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoInstantDeserializerTest {

    private final ObjectMapper withFastPath = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addDeserializer(Instant.class, new IsoInstantDeserializer()));
    private final ObjectMapper jsr310Only = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void reads_every_instant_the_way_jsr310_does() throws Exception {
        for (String json : List.of("\"2026-01-01T00:00:00Z\"", "\"2026-11-22T23:59:59.1Z\"",
                "\"1970-01-01T00:00:00.123456789Z\"", "\"1912-02-29T12:30:00.120Z\"", "\"2026-01-01T10:00:00+02:00\"",
                "\"0001-01-01T00:00:00Z\"", "1700000000.5", "\"+12026-01-01T00:00:00Z\"")) {
            assertThat(withFastPath.readValue(json, Instant.class)).as(json)
                    .isEqualTo(jsr310Only.readValue(json, Instant.class));
        }
    }

    @Test
    void leaves_what_it_does_not_know_to_jsr310() {
        assertThat(IsoInstants.parse("2026-02-30T00:00:00Z")).isNull();
        assertThat(IsoInstants.parse("2026-01-01T24:00:00Z")).isNull();
        assertThat(IsoInstants.parse("2026-01-01 00:00:00Z")).isNull();
        assertThat(IsoInstants.parse("2026-01-01T00:00:00.Z")).isNull();
        assertThat(IsoInstants.parse("2026-01-01T00:00:00.1234567890Z")).isNull();
    }
}
