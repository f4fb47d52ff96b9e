package org.hiehub.projections.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;
import org.bson.Document;

/**
 * Converts event payload parts into BSON documents and back. Dates become ISO 8601 strings so that documents
 * read the same on real MongoDB and on mongo-java-server, and compare equal after a rebuild.
 */
public final class ReadModelMapper {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ReadModelMapper() {
    }

    public static Document toDocument(Object value) {
        return value == null ? null : new Document(JSON.convertValue(value, MAP));
    }

    public static <T> T fromDocument(Document document, Class<T> type) {
        return document == null ? null : JSON.convertValue(document, type);
    }
}
