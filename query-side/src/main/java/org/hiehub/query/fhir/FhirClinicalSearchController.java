package org.hiehub.query.fhir;

import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fhir/{Condition|Encounter|MedicationRequest|AllergyIntolerance|Immunization}?patient=} with optional
 * {@code code} and {@code date}: the patient's facts of that type, newest first, {@code _count} per page
 * ({@link FactSearchPages}). {@code date}
 * applies to the time the timeline orders by: onset (or recorded date), period start, authoredOn, recordedDate,
 * occurrence.
 */
@RestController
public class FhirClinicalSearchController {

    /** FHIR resource type → timeline entry type. */
    static final Map<String, String> TYPES = Map.of("Condition", "condition", "Encounter", "encounter",
            "MedicationRequest", "medication", "AllergyIntolerance", "allergy", "Immunization", "immunization");
    private final PatientFacts facts;
    private final FhirResponses responses;

    public FhirClinicalSearchController(PatientFacts facts, FhirResponses responses) {
        this.facts = facts;
        this.responses = responses;
    }

    @GetMapping(value = "/fhir/{type:Condition|Encounter|MedicationRequest|AllergyIntolerance|Immunization}",
            produces = {"application/fhir+json", "application/json", "*/*"})
    public ResponseEntity<String> search(@PathVariable String type,
                                         @RequestParam(required = false) String patient,
                                         @RequestParam(required = false) String subject,
                                         @RequestParam(required = false) String code,
                                         @RequestParam(required = false) List<String> date,
                                         @RequestParam(name = "_count", defaultValue = FactSearchPages.DEFAULT_COUNT)
                                         int count,
                                         @RequestParam(name = "_cursor", required = false) String cursor,
                                         @RequestParam(name = "_total", required = false) String total,
                                         @RequestParam(required = false) Long minPosition,
                                         @RequestParam(defaultValue = "5000") long waitMs) {
        String reference = patient != null && !patient.isBlank() ? patient : subject;
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("patient is required");
        }
        String id = reference.startsWith("Patient/") ? reference.substring("Patient/".length()) : reference;
        Document summary = facts.patient(id, minPosition, waitMs);
        long position = facts.position();
        return responses.ok(FactSearchPages.page(facts, summary, TYPES.get(type), type,
                FhirPatientController.blankToNull(code), date, count, cursor, total), position);
    }
}
