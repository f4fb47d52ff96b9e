package org.hiehub.command.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on inbound messages ({@code hub.ingest.*}).
 *
 * @param maxMessageBytes largest single message accepted on any entry point
 * @param maxBatchBytes largest batch file or bundle/NDJSON body accepted over HTTP
 */
@ConfigurationProperties("hub.ingest")
public record IngestionProperties(@DefaultValue("4194304") int maxMessageBytes,
                                  @DefaultValue("67108864") long maxBatchBytes) {
}
