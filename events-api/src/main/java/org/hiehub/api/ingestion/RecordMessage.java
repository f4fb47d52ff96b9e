package org.hiehub.api.ingestion;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.identity.RegisterSourceRecord;

/**
 * Record one accepted message with all its facts: one message, one command, one transaction, many events.
 * Creating the message's stream a second time fails, which is what makes a re-send harmless. {@code registrations}:
 * the source records the message introduces, registered (and linked, and their master patient founded where the MPI
 * decided so) by this same command, before the message's own events.
 */
public record RecordMessage(@TargetAggregateIdentifier MessageKey messageKey, MessageAccepted accepted,
                            List<ClinicalEvent> facts, List<UnsupportedContentReceived> unsupported,
                            List<RegisterSourceRecord> registrations) {

    public RecordMessage {
        facts = facts == null ? List.of() : List.copyOf(facts);
        unsupported = unsupported == null ? List.of() : List.copyOf(unsupported);
        registrations = registrations == null ? List.of() : List.copyOf(registrations);
    }
}
