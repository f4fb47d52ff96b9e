package org.hiehub.api.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.hiehub.api.clinical.ObservationRecorded;
import org.junit.jupiter.api.Test;

/** The stored shapes of ObservationRecorded, each read through the chain the hub registers (1 → 2 → 3). */
class ObservationUpcastersTest {

    private static final EventUpcasterChain CHAIN = new EventUpcasterChain(new ObservationRecordedUpcaster(),
            new ObservationComponentsUpcaster());

    @Test
    void a_revision_1_event_gains_its_structured_range_and_an_empty_list_of_components() {
        JsonNode upcast = upcast("1", """
                {"factId":"f1","referenceRange":"70-99","quantity":{"value":101,"unitAsSent":"mg/dL"}}""", "3");

        assertThat(upcast.at("/structuredReferenceRange/low").decimalValue()).isEqualByComparingTo("70");
        assertThat(upcast.at("/structuredReferenceRange/unit").asText()).isEqualTo("mg/dL");
        assertThat(upcast.path("components").isArray()).isTrue();
        assertThat(upcast.path("components")).isEmpty();
    }

    @Test
    void a_revision_2_event_gains_only_an_empty_list_of_components() {
        JsonNode upcast = upcast("2", """
                {"factId":"f1","referenceRange":"70-99","structuredReferenceRange":null}""", "3");

        assertThat(upcast.path("components").isArray()).isTrue();
        assertThat(upcast.path("structuredReferenceRange").isNull()).as("left as it was stored").isTrue();
    }

    @Test
    void a_revision_3_event_is_left_as_it_is() {
        JsonNode upcast = upcast("3", """
                {"factId":"f1","components":[{"valueType":"Quantity"}]}""", "3");

        assertThat(upcast.path("components")).hasSize(1);
    }

    private static JsonNode upcast(String revision, String payload, String expectedRevision) {
        return StoredEvents.upcast(CHAIN, ObservationRecorded.class, revision, payload, expectedRevision);
    }
}
