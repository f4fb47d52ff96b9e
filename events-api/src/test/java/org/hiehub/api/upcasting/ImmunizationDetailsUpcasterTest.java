package org.hiehub.api.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.hiehub.api.clinical.ImmunizationDetails;
import org.hiehub.api.clinical.ImmunizationRecorded;
import org.junit.jupiter.api.Test;

/** ImmunizationRecorded as stored at revision 1, read through the hub's upcaster into today's shape. */
class ImmunizationDetailsUpcasterTest {

    private static final EventUpcasterChain CHAIN = new EventUpcasterChain(new ImmunizationDetailsUpcaster());

    @Test
    void a_revision_1_event_reads_as_saying_nothing_of_the_details() throws Exception {
        JsonNode upcast = StoredEvents.upcast(CHAIN, ImmunizationRecorded.class, "1", """
                {"@fact":"ImmunizationRecorded","factId":"f1","messageKey":"m1","vaccine":{"codings":[{"system":"CVX","code":"141"}]},
                 "status":"completed","lotNumber":"L-7"}""", "2");

        assertThat(upcast.path("details").isObject()).as("the upcaster writes the field revision 2 added").isTrue();
        ImmunizationRecorded event = StoredEvents.SERIALIZER.getObjectMapper().treeToValue(upcast,
                ImmunizationRecorded.class);
        assertThat(event.details()).isEqualTo(ImmunizationDetails.NONE);
        assertThat(event.lotNumber()).as("what revision 1 had stays").isEqualTo("L-7");
    }

    @Test
    void a_revision_2_event_is_left_as_it_is() {
        JsonNode upcast = StoredEvents.upcast(CHAIN, ImmunizationRecorded.class, "2", """
                {"factId":"f1","details":{"primarySource":false}}""", "2");

        assertThat(upcast.at("/details/primarySource").asBoolean(true)).isFalse();
    }
}
