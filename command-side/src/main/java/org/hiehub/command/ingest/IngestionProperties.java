package org.hiehub.command.ingest;

import org.hiehub.api.ingestion.MessageFormat;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on inbound messages ({@code hub.ingest.*}).
 *
 * @param maxMessageBytes largest single HL7 v2 message (one ORU with hundreds of OBX is well under 1 MB)
 * @param maxBatchBytes largest batch file, FHIR bundle or NDJSON body (a Synthea patient bundle reaches ~30 MB)
 */
@ConfigurationProperties("hub.ingest")
public record IngestionProperties(@DefaultValue("4194304") int maxMessageBytes,
                                  @DefaultValue("67108864") long maxBatchBytes) {

    public long limitFor(MessageFormat format) {
        return format == MessageFormat.HL7V2 ? maxMessageBytes : maxBatchBytes;
    }
}
