package org.hiehub.command.ingest;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hiehub.api.identity.RegisterSourceRecord;
import org.hiehub.api.ingestion.MessageAccepted;
import org.hiehub.api.ingestion.MessageKey;
import org.hiehub.api.ingestion.RecordMessage;
import org.hiehub.command.identity.SourceRecord;

/**
 * One accepted message and the facts it carried, in one short stream: created once, never loaded again on the
 * hot path, so ingestion costs an append rather than an aggregate load. The facts belong to their source
 * records by id; this stream is only where they were written.
 */
@Aggregate
public class IngestedMessage {

    @AggregateIdentifier
    private MessageKey key;

    protected IngestedMessage() {
        // required by Axon to rebuild from events
    }

    /** The records the message introduces come first, each in a stream of its own, as their own commands did. */
    @CommandHandler
    public IngestedMessage(RecordMessage command) throws Exception {
        for (RegisterSourceRecord registration : command.registrations()) {
            createNew(SourceRecord.class, () -> new SourceRecord(registration));
        }
        apply(command.accepted());
        command.facts().forEach(fact -> apply(fact));
        command.unsupported().forEach(part -> apply(part));
    }

    @EventSourcingHandler
    void on(MessageAccepted event) {
        key = event.messageKey();
    }
}
