package org.hiehub.query.patient;

import java.net.URI;
import java.time.Duration;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.hiehub.query.access.AccessDecision;
import org.hiehub.query.access.AccessRecord;
import org.hiehub.query.access.PatientAccess;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.query.freshness.ComposedAnswers;
import org.hiehub.query.freshness.ViewFreshness;
import org.hiehub.query.freshness.ViewState;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patient summary and search. {@code minPosition} (from a command answer) makes the read wait, at most
 * {@code waitMs}, until the view includes that write.
 */
@RestController
@RequestMapping("/api/patients")
public class PatientController {

    private static final String VIEW = PatientSummaryProjection.GROUP;
    private static final List<String> SUMMARY_VIEWS = java.util.stream.Stream.concat(java.util.stream.Stream.of(VIEW),
            SummaryView.views().stream()).toList();
    private final PatientSummaries summaries;
    private final ViewFreshness freshness;
    private final SummaryView sections;
    private final PatientFinder finder;
    private final PatientAccess access;
    private final ObjectMapper json;
    private final ComposedAnswers<ComposedSummary> composed;

    public PatientController(PatientSummaries summaries, ViewFreshness freshness, SummaryView sections,
                             PatientFinder finder, PatientAccess access, ObjectMapper json,
                             @Value("${hub.query.composed-answers:1000}") int composedAnswers) {
        this.summaries = summaries;
        this.json = json;
        this.composed = new ComposedAnswers<>(composedAnswers);
        this.access = access;
        this.finder = finder;
        this.freshness = freshness;
        this.sections = sections;
    }

    /**
     * The summary, merged from five views. Between two changes of those views every caller whose consent hides
     * nothing gets the same summary, so it is composed once per view state and kept ({@link ComposedAnswers});
     * consent is still decided, and the read audited, on every request.
     */
    @GetMapping("/{id}")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the patient summary",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "object",
                            description = "golden record, identifiers, sources, clinical sections, care gaps, alerts "
                                    + "and quality, as composed from the views")))
    public ResponseEntity<byte[]> summary(@PathVariable String id, @RequestParam(required = false) Long minPosition,
                                          @RequestParam(defaultValue = "5000") long waitMs) {
        // Clinical record, care gaps, alerts and data quality are merged at read time from the linked records, so
        // their views must be current too: one wait for all of them, and positions taken before any document is read.
        freshness.await(SUMMARY_VIEWS, minPosition, Duration.ofMillis(waitMs));
        long position = freshness.currentPosition(VIEW);
        long merged = sections.position();
        ViewState state = freshness.state(SUMMARY_VIEWS).and("live", summaries.liveVersion());
        ComposedSummary answer = composed.get(id, state);
        if (answer == null || answer.survivor() == null && !access.require(id).hiddenCategories().isEmpty()) {
            answer = compose(id, state);
        }
        if (answer.survivor() != null) {
            // A retired master patient keeps resolving: permanent redirect to the one it was merged into.
            return ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT).contentType(MediaType.APPLICATION_JSON)
                    .header(ViewFreshness.POSITION_HEADER, Long.toString(position))
                    .location(URI.create("/api/patients/" + answer.survivor())).body(answer.json());
        }
        AccessRecord audit = AccessRecord.current();
        answer.returned().forEach(audit::returned);
        return current(Math.min(position, merged)).contentType(MediaType.APPLICATION_JSON).body(answer.json());
    }

    /** Reads and merges the summary; keeps it unless the caller's consent decision hid part of it. */
    private ComposedSummary compose(String id, ViewState state) {
        Document summary = summaries.find(id).orElseThrow(() -> new UnknownPatient(id));
        String survivor = summary.getString("mergedInto");
        ComposedSummary answer;
        if (survivor != null) {
            answer = new ComposedSummary(json(summary), survivor, Map.of());
        } else {
            AccessDecision decision = access.require(id);
            Map<String, Integer> returned = sections.merge(summary, decision);
            answer = new ComposedSummary(json(summary), null, returned);
            if (!decision.hiddenCategories().isEmpty()) {
                return answer; // this caller's alone
            }
        }
        composed.put(id, state, answer);
        return answer;
    }

    private byte[] json(Document summary) {
        try {
            return json.writeValueAsBytes(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary not serialisable", e);
        }
    }

    /**
     * Search by {@code identifier} (FHIR token search: SYSTEM|VALUE, VALUE in any system, |VALUE, SYSTEM|),
     * {@code name} (each word typed starts a name or sounds like one), {@code birthDate} (YYYY-MM-DD) and
     * {@code gender}; all given must match. Spelled matches come before sound-alikes; each result says which
     * ({@code nameMatch}).
     */
    @GetMapping
    public ResponseEntity<SearchResult> search(@RequestParam(required = false) String identifier,
                                               @RequestParam(required = false) String name,
                                               @RequestParam(required = false) String birthDate,
                                               @RequestParam(required = false) String gender,
                                               @RequestParam(required = false) Long minPosition,
                                               @RequestParam(defaultValue = "5000") long waitMs) {
        PatientFinder.Criteria criteria = new PatientFinder.Criteria(blankToNull(identifier), blankToNull(name),
                blankToNull(birthDate), blankToNull(gender));
        if (criteria.birthDate() != null) {
            try {
                java.time.LocalDate.parse(criteria.birthDate());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("birthDate must be YYYY-MM-DD");
            }
        }
        freshness.await(VIEW, minPosition, Duration.ofMillis(waitMs));
        long position = freshness.currentPosition(VIEW);
        List<Document> found = finder.search(criteria).stream()
                .filter(m -> !access.listed(m.summary().getString("_id")).denied()).map(m -> {
            Document view = PatientSummaries.publicView(m.summary());
            if (m.nameMatch() != null) {
                view.append("nameMatch", m.nameMatch());
            }
            return view;
        }).toList();
        AccessRecord.current().returned("Patient", found.size());
        return current(position).body(new SearchResult(found.size(), position, found));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ResponseEntity.BodyBuilder current(long position) {
        return ResponseEntity.ok().header(ViewFreshness.POSITION_HEADER, Long.toString(position));
    }

    public record SearchResult(int total, long viewPosition, List<Document> patients) {
    }

    static class UnknownPatient extends RuntimeException {
        UnknownPatient(String id) {
            super("no patient with id " + id);
        }
    }
}
