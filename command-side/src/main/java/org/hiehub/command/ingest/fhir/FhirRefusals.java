package org.hiehub.command.ingest.fhir;

import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.command.ingest.IngestOutcome;
import org.hiehub.command.ingest.IngestionService;
import org.hiehub.command.ingest.quality.QualityScorer;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;

/**
 * The HTTP status and OperationOutcome issue type of a refused message, following the FHIR REST spec: 400 for
 * content that cannot be read or resolved, 413 over the size limit, 422 for readable content the hub will not
 * take (an unsupported bundle type, a data-quality score in the reject band, a patient erased since), 409 for a
 * bundle identifier the sender already used for a different bundle, 500 when storing failed.
 */
final class FhirRefusals {

    /** HL7 table 0357 "unsupported message type", which the parsers use for an unaccepted Bundle.type. */
    private static final int UNSUPPORTED_TYPE = 200;

    private FhirRefusals() {
    }

    static HttpStatus status(IngestOutcome outcome, boolean oversize) {
        if (oversize) {
            return HttpStatus.PAYLOAD_TOO_LARGE;
        }
        if (outcome.errorCode() == IngestionService.DUPLICATE_KEY) {
            return HttpStatus.CONFLICT;
        }
        QualityAssessment quality = outcome.quality();
        if (quality != null) {
            // Parsed and scored: the score refused it, its patient is no longer held (erased since), or storing it
            // failed after it passed.
            return QualityScorer.REJECT.equals(quality.band()) || outcome.errorCode() == IngestOutcome.ERASED_PATIENT
                    ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return outcome.errorCode() == UNSUPPORTED_TYPE ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST;
    }

    static IssueType issueType(IngestOutcome outcome, HttpStatus status) {
        return switch (status) {
            case PAYLOAD_TOO_LARGE -> IssueType.TOOCOSTLY;
            case UNPROCESSABLE_ENTITY -> outcome.errorCode() == UNSUPPORTED_TYPE ? IssueType.NOTSUPPORTED
                    : IssueType.BUSINESSRULE;
            case INTERNAL_SERVER_ERROR -> IssueType.EXCEPTION;
            case CONFLICT -> IssueType.DUPLICATE;
            default -> outcome.structural() ? IssueType.STRUCTURE : IssueType.INVALID;
        };
    }
}
