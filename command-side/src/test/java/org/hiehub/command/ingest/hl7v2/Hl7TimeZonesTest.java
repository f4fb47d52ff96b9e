package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Senders' zones as an operator writes them in properties, and which entry names which sender. */
class Hl7TimeZonesTest {

    @Test
    void zones_bind_from_bracketed_sender_keys_and_the_most_specific_entry_wins() {
        Hl7TimeZones zones = new Binder(new MapConfigurationPropertySource(Map.of(
                "hub.ingest.hl7.time-zone", "Europe/London",
                "hub.ingest.hl7.sender-time-zones[LAB^ACME LAB]", "America/Chicago",
                "hub.ingest.hl7.sender-time-zones[^ACME LAB]", "America/New_York",
                "hub.ingest.hl7.sender-time-zones[EPIC^]", "Europe/Berlin")))
                .bindOrCreate("hub.ingest.hl7", Hl7TimeZones.class);

        assertThat(zones.of(header("LAB", "ACME LAB"))).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(zones.of(header("PATHOLOGY", "ACME LAB"))).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(zones.of(header("EPIC", "GHH"))).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(zones.of(header("OTHER", null))).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("hub.ingest.hl7", Hl7TimeZones.class).of(header("LAB", "ACME LAB")))
                .isEqualTo(ZoneId.of("UTC"));
    }

    private static MshHeader header(String application, String facility) {
        return new MshHeader('|', "^~\\&", application, facility, null, null, null, "ORU", "R01", "1", "P",
                "2.5.1");
    }
}
