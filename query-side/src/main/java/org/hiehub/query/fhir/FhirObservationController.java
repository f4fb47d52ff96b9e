package org.hiehub.query.fhir;

import java.util.List;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fhir/Observation?patient=} with optional {@code code} and {@code date}: the patient's observations,
 * newest first, {@code _count} per page ({@link FactSearchPages}).
 */
@RestController
public class FhirObservationController {

    private final PatientFacts facts;
    private final FhirResponses responses;

    public FhirObservationController(PatientFacts facts, FhirResponses responses) {
        this.facts = facts;
        this.responses = responses;
    }

    @GetMapping(value = "/fhir/Observation", produces = {"application/fhir+json", "application/json", "*/*"})
    public ResponseEntity<String> search(@RequestParam(required = false) String patient,
                                         @RequestParam(required = false) String code,
                                         @RequestParam(required = false) List<String> date,
                                         @RequestParam(name = "_count", defaultValue = FactSearchPages.DEFAULT_COUNT)
                                         int count,
                                         @RequestParam(name = "_cursor", required = false) String cursor,
                                         @RequestParam(name = "_total", required = false) String total,
                                         @RequestParam(required = false) Long minPosition,
                                         @RequestParam(defaultValue = "5000") long waitMs) {
        if (patient == null || patient.isBlank()) {
            throw new IllegalArgumentException("patient is required");
        }
        String id = patient.startsWith("Patient/") ? patient.substring("Patient/".length()) : patient;
        Document summary = facts.patient(id, minPosition, waitMs);
        long position = facts.position();
        return responses.ok(FactSearchPages.page(facts, summary, "observation", "Observation",
                FhirPatientController.blankToNull(code), date, count, cursor, total), position);
    }
}
