package org.hiehub.query.fhir;

import java.util.Map;
import org.bson.Document;
import org.hiehub.query.access.AccessRecord;
import org.hiehub.query.freshness.ComposedAnswers;
import org.hiehub.query.freshness.ViewState;
import org.hiehub.query.timeline.TimelineQuery;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.beans.factory.annotation.Value;
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

    /** Cursor of the page that starts at the newest fact, after a first page the Patient filled alone. */
    static final String FIRST_FACT = "facts";
    private final PatientFacts facts;
    private final FhirResponses responses;
    private final ComposedAnswers<EverythingPage> composed;

    public FhirEverythingController(PatientFacts facts, FhirResponses responses,
                                    @Value("${hub.query.composed-answers:1000}") int composedAnswers) {
        this.facts = facts;
        this.responses = responses;
        this.composed = new ComposedAnswers<>(composedAnswers);
    }

    @GetMapping(value = "/fhir/Patient/{id}/$everything",
            produces = {"application/fhir+json", "application/json", "*/*"})
    public ResponseEntity<String> everything(@PathVariable String id,
                                             @RequestParam(name = "_count", defaultValue = FactSearchPages.DEFAULT_COUNT)
                                             int count,
                                             @RequestParam(name = "_cursor", required = false) String cursor,
                                             @RequestParam(required = false) Long minPosition,
                                             @RequestParam(defaultValue = "5000") long waitMs) {
        if (count < 1) {
            throw new IllegalArgumentException("_count must be positive");
        }
        facts.await(minPosition, waitMs);
        long position = facts.position();
        // A page is the same for every caller whose consent hides nothing until either view changes: kept per
        // request URL (it names the page and is the bundle's self link) and view state. Consent is decided anew.
        String self = ServletUriComponentsBuilder.fromCurrentRequest().toUriString();
        ViewState state = facts.state();
        EverythingPage kept = composed.get(self, state);
        if (kept != null && facts.access(kept.masterPatientId()).hiddenCategories().isEmpty()) {
            AccessRecord audit = AccessRecord.current();
            kept.returned().forEach(audit::returned);
            return responses.ok(kept.json(), position);
        }
        EverythingPage page = compose(id, count, cursor, self);
        if (facts.access(page.masterPatientId()).hiddenCategories().isEmpty()) {
            composed.put(self, state, page);
        }
        return responses.ok(page.json(), position);
    }

    private EverythingPage compose(String id, int count, String cursor, String self) {
        Document summary = facts.patient(id);
        String masterPatientId = summary.getString("masterPatientId");
        // one read of the patient's timeline gives both the total and the page
        TimelineQuery.Selection selection = facts.select(summary, PatientFacts.MAPPED_TYPES);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(1 + selection.total());
        bundle.addLink().setRelation("self").setUrl(self);
        boolean firstPage = cursor == null || cursor.isBlank();
        if (firstPage) {
            bundle.addEntry().setFullUrl("Patient/" + masterPatientId)
                    .setResource(PatientResources.toPatient(summary));
        }
        // The Patient takes a place on the first page, so every page holds at most _count entries.
        int factsWanted = firstPage ? count - 1 : count;
        String next;
        Map<String, Integer> returned = Map.of();
        if (factsWanted > 0) {
            String after = FIRST_FACT.equals(cursor) ? null : cursor;
            TimelineQuery.Page page = facts.page(selection, factsWanted, after);
            page.entries().forEach(entry -> FactResources.toResource(entry, masterPatientId).ifPresent(r -> bundle
                    .addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r)));
            next = page.nextCursor();
            returned = PatientFacts.returned(page.entries());
        } else {
            next = bundle.getTotal() > 1 ? FIRST_FACT : null; // _count=1: the Patient alone filled this page
        }
        FactSearchPages.addNext(bundle, next);
        return new EverythingPage(responses.encode(bundle), masterPatientId, returned);
    }
}
