package org.hiehub.command.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.command.ingest.IngestOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class FhirRefusalsTest {

    @Test
    void unreadable_content_and_unresolved_references_are_bad_requests() {
        assertThat(FhirRefusals.status(refused(102, true, null), false)).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(FhirRefusals.issueType(refused(102, true, null), HttpStatus.BAD_REQUEST))
                .isEqualTo(IssueType.STRUCTURE);
        assertThat(FhirRefusals.issueType(refused(204, false, null), HttpStatus.BAD_REQUEST))
                .isEqualTo(IssueType.INVALID);
    }

    @Test
    void a_quality_score_in_the_reject_band_and_an_unsupported_bundle_type_are_unprocessable() {
        QualityAssessment poor = new QualityAssessment(40, "REJECT", Map.of(), List.of("birth date is in the future"));

        assertThat(FhirRefusals.status(refused(207, false, poor), false)).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(FhirRefusals.issueType(refused(207, false, poor), HttpStatus.UNPROCESSABLE_ENTITY))
                .isEqualTo(IssueType.BUSINESSRULE);
        assertThat(FhirRefusals.issueType(refused(200, false, null), FhirRefusals.status(refused(200, false, null),
                false))).isEqualTo(IssueType.NOTSUPPORTED);
    }

    @Test
    void an_oversized_body_is_too_large_and_a_failed_store_after_a_passing_score_is_a_server_error() {
        QualityAssessment fine = new QualityAssessment(95, "ACCEPT", Map.of(), List.of());

        assertThat(FhirRefusals.status(refused(100, false, null), true)).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(FhirRefusals.status(refused(207, false, fine), false)).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void a_message_whose_patient_was_erased_since_is_unprocessable_not_a_server_error() {
        QualityAssessment fine = new QualityAssessment(95, "ACCEPT", Map.of(), List.of());
        IngestOutcome erased = refused(IngestOutcome.ERASED_PATIENT, true, fine);

        assertThat(FhirRefusals.status(erased, false)).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(FhirRefusals.issueType(erased, HttpStatus.UNPROCESSABLE_ENTITY)).isEqualTo(IssueType.BUSINESSRULE);
    }

    private static IngestOutcome refused(int code, boolean structural, QualityAssessment quality) {
        return new IngestOutcome(IngestOutcome.Status.REJECTED, null, "dl-1", "reason", null, code, structural, 0,
                quality);
    }
}
