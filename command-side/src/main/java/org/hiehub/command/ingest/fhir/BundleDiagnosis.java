package org.hiehub.command.ingest.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.hiehub.command.ingest.RejectedInput;

/**
 * When HAPI refuses a whole Bundle it names the element but not the entry. Only on that failure path, each entry
 * is parsed on its own to find the first one that fails, so the rejection can say "Bundle.entry[3].resource".
 */
final class BundleDiagnosis {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FhirReader reader;

    BundleDiagnosis(FhirReader reader) {
        this.reader = reader;
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
        for (int i = 0; i < entries.size(); i++) {
            JsonNode resource = entries.get(i).path("resource");
            if (resource.isObject()) {
                try {
                    reader.read(resource.toString());
                } catch (DataFormatException e) {
                    return FhirReader.rejection(e, "Bundle.entry[" + i + "].resource");
                }
            }
        }
        return FhirReader.rejection(failure, "Bundle");
    }
}
