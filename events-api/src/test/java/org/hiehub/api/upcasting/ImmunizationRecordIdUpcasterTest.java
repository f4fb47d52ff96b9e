package org.hiehub.api.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.hiehub.api.clinical.ImmunizationDetails;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.junit.jupiter.api.Test;

/** ImmunizationRecorded as stored at revisions 1 and 2, read through the hub's upcasters into revision 3. */
class ImmunizationRecordIdUpcasterTest {

    private static final EventUpcasterChain CHAIN = new EventUpcasterChain(new ImmunizationDetailsUpcaster(),
            new ImmunizationRecordIdUpcaster());

    @Test
    void a_revision_2_event_reads_as_naming_no_record_id_and_keeps_its_details() throws Exception {
        JsonNode upcast = StoredEvents.upcast(CHAIN, ImmunizationRecorded.class, "2", """
                {"@fact":"ImmunizationRecorded","factId":"f1","messageKey":"m1","status":"completed",
                 "details":{"primarySource":false}}""", "3");

        assertThat(upcast.has("recordId")).as("the upcaster writes the field revision 3 added").isTrue();
        ImmunizationRecorded event = StoredEvents.SERIALIZER.getObjectMapper().treeToValue(upcast,
                ImmunizationRecorded.class);
        assertThat(event.recordId()).isNull();
        assertThat(event.details().primarySource()).isFalse();
    }

    @Test
    void a_revision_1_event_goes_through_both_steps() throws Exception {
        JsonNode upcast = StoredEvents.upcast(CHAIN, ImmunizationRecorded.class, "1", """
                {"@fact":"ImmunizationRecorded","factId":"f1","messageKey":"m1","status":"completed",
                 "lotNumber":"L-7"}""", "3");

        ImmunizationRecorded event = StoredEvents.SERIALIZER.getObjectMapper().treeToValue(upcast,
                ImmunizationRecorded.class);
        assertThat(upcast.path("details").isObject()).as("written by the 1 → 2 step").isTrue();
        assertThat(upcast.has("recordId")).as("written by the 2 → 3 step").isTrue();
        assertThat(event.details()).isEqualTo(ImmunizationDetails.NONE);
        assertThat(event.lotNumber()).isEqualTo("L-7");
        assertThat(event.recordId()).isNull();
    }

    @Test
    void a_revision_3_event_is_left_as_it_is() {
        JsonNode upcast = StoredEvents.upcast(CHAIN, ImmunizationRecorded.class, "3", """
                {"factId":"f1","recordId":"ORD-1"}""", "3");

        assertThat(upcast.path("recordId").asText()).isEqualTo("ORD-1");
    }
}
