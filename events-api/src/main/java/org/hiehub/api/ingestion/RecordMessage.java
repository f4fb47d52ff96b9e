package org.hiehub.api.ingestion;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.hiehub.api.clinical.ClinicalEvent;

/**
 * Record one accepted message with all its facts: one message, one command, one transaction, many events.
 * Creating the message's stream a second time fails, which is what makes a re-send harmless.
 */
public record RecordMessage(@TargetAggregateIdentifier MessageKey messageKey, MessageAccepted accepted,
                            List<ClinicalEvent> facts, List<UnsupportedContentReceived> unsupported) {

    public RecordMessage {
        facts = facts == null ? List.of() : List.copyOf(facts);
        unsupported = unsupported == null ? List.of() : List.copyOf(unsupported);
    }
}
