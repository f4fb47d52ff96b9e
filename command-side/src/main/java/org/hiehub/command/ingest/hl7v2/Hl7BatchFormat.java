package org.hiehub.command.ingest.hl7v2;

import java.util.List;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.batch.BatchFormat;
import org.hiehub.command.ingest.batch.BatchPart;
import org.springframework.stereotype.Component;

/** An HL7 v2 batch file is ingested message by message, as {@link Hl7Batch} splits it. */
@Component
public class Hl7BatchFormat implements BatchFormat {

    @Override
    public MessageFormat format() {
        return MessageFormat.HL7V2;
    }

    @Override
    public List<BatchPart> parts(byte[] payload, String peer) {
        return parts(Hl7Batch.split(Hl7Text.decode(payload)));
    }

    static List<BatchPart> parts(Hl7Batch.Split split) {
        return split.messages().stream()
                .map(message -> new BatchPart(message, MshHeader.of(message).map(MshHeader::controlId).orElse(null),
                        null))
                .toList();
    }
}
