package org.hiehub.command.ingest.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hiehub.api.clinical.ClinicalEvent;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.ParsedMessage;

/** Fixtures and one FHIR context for the whole test JVM (its first parse costs seconds). */
final class FhirFixtures {

    static final FhirReader READER = new FhirReader(FhirContext.forR4());
    static final FhirBundleParser BUNDLES = new FhirBundleParser(READER);
    static final FhirNdjsonParser NDJSON = new FhirNdjsonParser(READER);
    static final String DESMOND = "fhir/synthea/Desmond_Gutmann_d49945ce-9f8c-4974-80e3-0b38054dd45d.json";
    static final String MALCOLM = "fhir/synthea/Malcolm_Dach_281f4a03-57e9-4b22-a322-68890ff22172.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FhirFixtures() {
    }

    static byte[] resource(String path) {
        try (InputStream in = FhirFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InboundMessage bundle(byte[] payload, String peer) {
        return new InboundMessage(MessageFormat.FHIR_BUNDLE, "test", peer, payload, Instant.now());
    }

    /** A bundle as the sender EHR posts it ({@code X-Hub-Source: EHR}). */
    static InboundMessage ehrBundle(String json) {
        return bundle(json.getBytes(StandardCharsets.UTF_8), "source:EHR from 127.0.0.1");
    }

    static InboundMessage bundle(String json) {
        return bundle(json.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    static InboundMessage ndjson(String body) {
        return new InboundMessage(MessageFormat.FHIR_NDJSON, "test", "127.0.0.1",
                body.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    /** The facts as events (with made-up ids), to look inside them. */
    static List<ClinicalEvent> facts(ParsedMessage.PatientPart part) {
        List<ClinicalEvent> events = new ArrayList<>();
        for (ParsedMessage.FactDraft draft : part.facts()) {
            events.add(draft.bind(SourceRecordId.of("sr-test"), "m-test", "m-test/" + events.size()));
        }
        return events;
    }

    static List<ClinicalEvent> facts(ParsedMessage message) {
        return message.patients().stream().flatMap(p -> facts(p).stream()).toList();
    }

    static Map<String, Integer> factCountsByEvent(ParsedMessage message) {
        Map<String, Integer> counts = new TreeMap<>();
        facts(message).forEach(f -> counts.merge(f.getClass().getSimpleName(), 1, Integer::sum));
        return counts;
    }

    /**
     * The facts a bundle should yield, computed from its JSON alone (not through HAPI or the mappers): one per
     * supported clinical resource, plus an EncounterEnded for each Encounter with a period end.
     */
    static Map<String, Integer> expectedFactCounts(byte[] bundleJson) {
        Map<String, String> events = Map.of("Observation", "ObservationRecorded", "Encounter", "EncounterStarted",
                "Condition", "ConditionRecorded", "MedicationRequest", "MedicationRecorded",
                "MedicationStatement", "MedicationRecorded", "AllergyIntolerance", "AllergyRecorded",
                "Immunization", "ImmunizationRecorded");
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode entry : tree(bundleJson).path("entry")) {
            JsonNode resource = entry.path("resource");
            String event = events.get(resource.path("resourceType").asText());
            if (event != null) {
                counts.merge(event, 1, Integer::sum);
            }
            if ("Encounter".equals(resource.path("resourceType").asText())
                    && !resource.path("period").path("end").asText().isEmpty()) {
                counts.merge("EncounterEnded", 1, Integer::sum);
            }
        }
        return counts;
    }

    static Map<String, Integer> resourceCounts(byte[] bundleJson) {
        Map<String, Integer> counts = new TreeMap<>();
        tree(bundleJson).path("entry").forEach(e -> counts.merge(e.path("resource").path("resourceType").asText(),
                1, Integer::sum));
        return counts;
    }

    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
