package org.hiehub.command.ingest.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hiehub.command.ingest.RejectedInput;

/**
 * When HAPI refuses a whole Bundle it names the element but not the entry. Only on that failure path, each entry
 * is parsed on its own to find the first one that fails, so the rejection can say "Bundle.entry[3].resource"; and a
 * batch, whose entries stand alone, is read again without the resources that failed, each answered with its own
 * reason.
 */
final class BundleDiagnosis {

    /** Numbers read exactly as sent ("1.10" stays 1.10; 1E800000 does not become Infinity): entries are re-read. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();
    private final FhirReader reader;

    BundleDiagnosis(FhirReader reader) {
        this.reader = reader;
    }

    /** A batch without the resources HAPI could not read (as JSON), and why each was refused by entry index. */
    record Salvaged(String json, Map<Integer, RejectedInput> unreadable) {
    }

    /** The batch in {@code payload} without its unreadable resources; empty when it is no batch or none was. */
    Optional<Salvaged> salvageBatch(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(FhirReader.text(payload));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!"batch".equals(root.path("type").asText()) || !root.path("entry").isArray()) {
            return Optional.empty();
        }
        JsonNode entries = root.path("entry");
        Map<Integer, RejectedInput> unreadable = unreadable(entries, Integer.MAX_VALUE);
        unreadable.keySet().forEach(i -> ((ObjectNode) entries.get(i)).remove("resource"));
        return unreadable.isEmpty() ? Optional.empty() : Optional.of(new Salvaged(root.toString(), unreadable));
    }

    RejectedInput locate(byte[] payload, DataFormatException failure) {
        RejectedInput whole = FhirReader.rejection(failure, null);
        if (whole.structural()) {
            return whole;
        }
        JsonNode entries;
        try {
            entries = JSON.readTree(FhirReader.text(payload)).path("entry");
        } catch (IOException e) {
            return whole;
        }
        return unreadable(entries, 1).values().stream().findFirst()
                .orElseGet(() -> FhirReader.rejection(failure, "Bundle"));
    }

    /** Up to {@code most} entries whose resource HAPI cannot read on its own, in entry order, with why. */
    private Map<Integer, RejectedInput> unreadable(JsonNode entries, int most) {
        Map<Integer, RejectedInput> unreadable = new TreeMap<>();
        for (int i = 0; i < entries.size() && unreadable.size() < most; i++) {
            JsonNode resource = entries.get(i).path("resource");
            if (resource.isObject()) {
                try {
                    reader.read(resource.toString());
                } catch (DataFormatException e) {
                    unreadable.put(i, FhirReader.rejection(e, "Bundle.entry[" + i + "].resource"));
                }
            }
        }
        return unreadable;
    }
}
