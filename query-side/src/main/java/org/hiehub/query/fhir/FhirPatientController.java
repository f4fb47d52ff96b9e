package org.hiehub.query.fhir;

import org.hiehub.query.access.PatientAccess;
import org.hiehub.query.access.AccessRecord;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.query.freshness.ViewFreshness;
import org.hiehub.query.patient.PatientSummaries;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR R4 Patient read and search over the patient summaries. The id is the master patient id. A retired id (merged
 * into another) answers 301 Moved Permanently with the survivor's URL in {@code Location}, as the REST API does,
 * so a client keeps one identity per person instead of two copies of the same record.
 */
@RestController
@RequestMapping(value = "/fhir/Patient", produces = {"application/fhir+json", "application/json", "*/*"})
public class FhirPatientController {

    private static final String VIEW = PatientSummaryProjection.GROUP;
    private final PatientSummaries summaries;
    private final PatientSearch search;
    private final ViewFreshness freshness;
    private final FhirResponses responses;
    private final PatientAccess access;

    public FhirPatientController(PatientSummaries summaries, PatientSearch search, ViewFreshness freshness,
                                 FhirResponses responses, PatientAccess access) {
        this.summaries = summaries;
        this.access = access;
        this.search = search;
        this.freshness = freshness;
        this.responses = responses;
    }

    @GetMapping("/{id}")
    public ResponseEntity<String> read(@PathVariable String id, @RequestParam(required = false) Long minPosition,
                                       @RequestParam(defaultValue = "5000") long waitMs) {
        freshness.await(VIEW, minPosition, Duration.ofMillis(waitMs));
        long position = freshness.currentPosition(VIEW);
        Document summary = summaries.find(id).orElseThrow(() -> new FhirErrors.UnknownResource("Patient", id));
        String survivor = summary.getString("mergedInto");
        if (survivor != null) {
            ResponseEntity<String> moved = responses.outcome(HttpStatus.MOVED_PERMANENTLY,
                    OperationOutcome.IssueType.INFORMATIONAL, "Patient/" + id + " was merged into Patient/" + survivor);
            return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).headers(moved.getHeaders())
                    .location(URI.create("/fhir/Patient/" + survivor)).body(moved.getBody());
        }
        access.require(id);
        AccessRecord.current().returned("Patient", 1);
        return responses.ok(PatientResources.toPatient(summary), position);
    }

    @GetMapping
    public ResponseEntity<String> search(@RequestParam(required = false) String identifier,
                                         @RequestParam(required = false) String name,
                                         @RequestParam(required = false) String birthdate,
                                         @RequestParam(required = false) String gender,
                                         @RequestParam(required = false) String phonetic,
                                         @RequestParam(required = false) Long minPosition,
                                         @RequestParam(defaultValue = "5000") long waitMs) {
        PatientSearch.Criteria criteria = new PatientSearch.Criteria(blankToNull(identifier),
                blankToNull(name) != null ? name : blankToNull(phonetic),
                blankToNull(birthdate), blankToNull(gender));
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException(
                    "give at least one of identifier, name, phonetic, birthdate, gender");
        }
        freshness.await(VIEW, minPosition, Duration.ofMillis(waitMs));
        long position = freshness.currentPosition(VIEW);
        List<Patient> found = search.search(criteria).stream()
                .filter(s -> !access.listed(s.getString("_id")).denied()).map(PatientResources::toPatient).toList();
        AccessRecord.current().returned("Patient", found.size());
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(found.size());
        found.forEach(p -> bundle.addEntry().setFullUrl("Patient/" + p.getIdElement().getIdPart()).setResource(p)
                .getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        return responses.ok(bundle, position);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
