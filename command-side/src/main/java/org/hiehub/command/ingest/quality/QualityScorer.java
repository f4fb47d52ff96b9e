package org.hiehub.command.ingest.quality;

import java.time.Instant;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.command.ingest.ParsedMessage;

/** Scores a parsed message 0–100 and bands it; the REJECT band sends it to the dead-letter store. */
public interface QualityScorer {

    String ACCEPT = "ACCEPT";
    String REJECT = "REJECT";

    QualityAssessment assess(ParsedMessage message, Instant receivedAt);
}
