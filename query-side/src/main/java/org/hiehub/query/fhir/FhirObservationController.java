package org.hiehub.query.fhir;

import java.util.List;
import org.bson.Document;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fhir/Observation?patient=} with optional {@code code} and {@code date}: the patient's observations,
 * newest first, in one searchset (no paging yet; $everything pages).
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
                                         @RequestParam(required = false) Long minPosition,
                                         @RequestParam(defaultValue = "5000") long waitMs) {
        if (patient == null || patient.isBlank()) {
            throw new IllegalArgumentException("patient is required");
        }
        String id = patient.startsWith("Patient/") ? patient.substring("Patient/".length()) : patient;
        Document summary = facts.patient(id, minPosition, waitMs);
        long position = facts.position();
        String masterPatientId = summary.getString("masterPatientId");
        List<Document> found = facts.all(summary, List.of("observation")).stream()
                .filter(FactSearch.byCode(FhirPatientController.blankToNull(code)))
                .filter(FactSearch.byDate(date)).toList();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(found.size());
        found.forEach(entry -> FactResources.toResource(entry, masterPatientId).ifPresent(r -> bundle.addEntry()
                .setFullUrl("Observation/" + r.getIdElement().getIdPart()).setResource(r).getSearch()
                .setMode(Bundle.SearchEntryMode.MATCH)));
        return responses.ok(bundle, position);
    }
}
