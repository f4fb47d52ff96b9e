package org.hiehub.query.fhir;

import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fhir/{Condition|Encounter|MedicationRequest|AllergyIntolerance|Immunization}?patient=} with optional
 * {@code code} and {@code date}: the patient's facts of that type, newest first, in one searchset. {@code date}
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
                                         @RequestParam(required = false) Long minPosition,
                                         @RequestParam(defaultValue = "5000") long waitMs) {
        String reference = patient != null && !patient.isBlank() ? patient : subject;
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("patient is required");
        }
        String id = reference.startsWith("Patient/") ? reference.substring("Patient/".length()) : reference;
        Document summary = facts.patient(id, minPosition, waitMs);
        long position = facts.position();
        String masterPatientId = summary.getString("masterPatientId");
        List<Document> found = facts.all(summary, List.of(TYPES.get(type))).stream()
                .filter(FactSearch.byCode(FhirPatientController.blankToNull(code)))
                .filter(FactSearch.byDate(date)).toList();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(found.size());
        found.forEach(entry -> FactResources.toResource(entry, masterPatientId).ifPresent(r -> bundle.addEntry()
                .setFullUrl(type + "/" + r.getIdElement().getIdPart()).setResource(r).getSearch()
                .setMode(Bundle.SearchEntryMode.MATCH)));
        return responses.ok(bundle, position);
    }
}
