package org.hiehub.query.fhir;

import org.bson.Document;
import org.hiehub.query.timeline.TimelineQuery;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /fhir/Patient/{id}/$everything}: the Patient, then its facts newest first, {@code _count} per page.
 * Pages are keyed on the timeline order (time, factId) through an opaque {@code _cursor}, not offsets, so facts
 * arriving between pages shift nothing: none is skipped or repeated. Facts whose type the facade does not map are
 * left out of pages and total alike.
 */
@RestController
public class FhirEverythingController {

    static final int DEFAULT_COUNT = 50;
    /** Cursor of the page that starts at the newest fact, after a first page the Patient filled alone. */
    static final String FIRST_FACT = "facts";
    private final PatientFacts facts;
    private final FhirResponses responses;

    public FhirEverythingController(PatientFacts facts, FhirResponses responses) {
        this.facts = facts;
        this.responses = responses;
    }

    @GetMapping(value = "/fhir/Patient/{id}/$everything",
            produces = {"application/fhir+json", "application/json", "*/*"})
    public ResponseEntity<String> everything(@PathVariable String id,
                                             @RequestParam(name = "_count", defaultValue = "" + DEFAULT_COUNT)
                                             int count,
                                             @RequestParam(name = "_cursor", required = false) String cursor,
                                             @RequestParam(required = false) Long minPosition,
                                             @RequestParam(defaultValue = "5000") long waitMs) {
        if (count < 1) {
            throw new IllegalArgumentException("_count must be positive");
        }
        Document summary = facts.patient(id, minPosition, waitMs);
        long position = facts.position();
        String masterPatientId = summary.getString("masterPatientId");
        // one read of the patient's timeline gives both the total and the page
        TimelineQuery.Selection selection = facts.select(summary, PatientFacts.MAPPED_TYPES);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(1 + selection.total());
        bundle.addLink().setRelation("self").setUrl(ServletUriComponentsBuilder.fromCurrentRequest().toUriString());
        boolean firstPage = cursor == null || cursor.isBlank();
        if (firstPage) {
            bundle.addEntry().setFullUrl("Patient/" + masterPatientId)
                    .setResource(PatientResources.toPatient(summary));
        }
        // The Patient takes a place on the first page, so every page holds at most _count entries.
        int factsWanted = firstPage ? count - 1 : count;
        String next;
        if (factsWanted > 0) {
            String after = FIRST_FACT.equals(cursor) ? null : cursor;
            TimelineQuery.Page page = facts.page(selection, factsWanted, after);
            page.entries().forEach(entry -> FactResources.toResource(entry, masterPatientId).ifPresent(r -> bundle
                    .addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r)));
            next = page.nextCursor();
        } else {
            next = bundle.getTotal() > 1 ? FIRST_FACT : null; // _count=1: the Patient alone filled this page
        }
        if (next != null) {
            bundle.addLink().setRelation("next").setUrl(ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("_cursor", next).replaceQueryParam("minPosition").toUriString());
        }
        return responses.ok(bundle, position);
    }
}
