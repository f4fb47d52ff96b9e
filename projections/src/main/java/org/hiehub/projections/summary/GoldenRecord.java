package org.hiehub.projections.summary;

import static org.hiehub.projections.support.ReadModelMapper.toDocument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.bson.Document;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;

/**
 * Survivorship: builds the master patient's best view from its linked source records. Names and addresses:
 * the most complete wins; birth date, sex and contacts: the most recently updated source wins. Every field
 * names the source it came from. A pure function of its input, so a rebuild yields the same document.
 */
final class GoldenRecord {

    private static final Comparator<LinkedRecord> NEWEST_FIRST = Comparator
            .comparing(LinkedRecord::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(LinkedRecord::sourceRecordId);

    private GoldenRecord() {
    }

    static Document of(List<LinkedRecord> records) {
        List<LinkedRecord> newestFirst = records.stream()
                .filter(r -> r.demographics() != null).sorted(NEWEST_FIRST).toList();
        Document golden = new Document();
        mostComplete(newestFirst, d -> d.names().stream().findFirst(), GoldenRecord::completeness)
                .ifPresent(f -> golden.append("name", f));
        newest(newestFirst, d -> Optional.ofNullable(d.birthDate()).map(Object::toString))
                .ifPresent(f -> golden.append("birthDate", f));
        newest(newestFirst, d -> Optional.ofNullable(d.administrativeSex()))
                .ifPresent(f -> golden.append("sex", f));
        mostComplete(newestFirst, d -> d.addresses().stream().findFirst(), GoldenRecord::completeness)
                .ifPresent(f -> golden.append("address", f));
        newest(newestFirst, d -> d.telecoms().isEmpty() ? Optional.empty() : Optional.of(d.telecoms()))
                .ifPresent(f -> golden.append("telecoms", f));
        newest(newestFirst, d -> Optional.ofNullable(d.deceasedDate()).map(Object::toString))
                .ifPresent(f -> golden.append("deceasedDate", f));
        return golden;
    }

    /** Every identifier any linked source knows, once per system and value, with the sources that sent it. */
    static List<Document> identifiers(List<LinkedRecord> records) {
        Map<String, Document> bySystemAndValue = new LinkedHashMap<>();
        records.stream().filter(r -> r.demographics() != null)
                .sorted(Comparator.comparing(LinkedRecord::sourceRecordId))
                .forEach(r -> r.demographics().identifiers().forEach(id -> bySystemAndValue
                        .computeIfAbsent(id.system() + '|' + id.value(), k -> identifierDocument(id))
                        .getList("sources", String.class).add(r.sourceSystem())));
        return new ArrayList<>(bySystemAndValue.values());
    }

    private static Document identifierDocument(PatientIdentifier id) {
        return new Document("system", id.system()).append("value", id.value()).append("type", id.type())
                .append("sources", new ArrayList<String>());
    }

    private static <T> Optional<Document> newest(List<LinkedRecord> newestFirst,
                                                 Function<Demographics, Optional<T>> field) {
        for (LinkedRecord record : newestFirst) {
            Optional<T> value = field.apply(record.demographics());
            if (value.isPresent()) {
                return Optional.of(sourced(value.get(), record));
            }
        }
        return Optional.empty();
    }

    private static <T> Optional<Document> mostComplete(List<LinkedRecord> newestFirst,
                                                       Function<Demographics, Optional<T>> field,
                                                       ToIntFunction<T> completeness) {
        LinkedRecord best = null;
        T bestValue = null;
        for (LinkedRecord record : newestFirst) { // strictly greater: on a tie the newer source stays
            Optional<T> value = field.apply(record.demographics());
            if (value.isPresent() && (bestValue == null
                    || completeness.applyAsInt(value.get()) > completeness.applyAsInt(bestValue))) {
                best = record;
                bestValue = value.get();
            }
        }
        return best == null ? Optional.empty() : Optional.of(sourced(bestValue, best));
    }

    private static Document sourced(Object value, LinkedRecord record) {
        Object stored = value instanceof String || value instanceof Number ? value : toBson(value);
        return new Document("value", stored).append("source", new Document("sourceRecordId", record.sourceRecordId())
                .append("sourceSystem", record.sourceSystem())
                .append("updatedAt", record.updatedAt() == null ? null : record.updatedAt().toString()));
    }

    private static Object toBson(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(GoldenRecord::toBson).toList();
        }
        return toDocument(value);
    }

    private static int completeness(PersonName name) {
        return count(name.family()) + name.given().size() + count(name.prefix()) + count(name.suffix());
    }

    private static int completeness(Address address) {
        return address.lines().size() + count(address.city()) + count(address.state())
                + count(address.postalCode()) + count(address.country()) + count(address.district());
    }

    private static int count(String part) {
        return part == null || part.isBlank() ? 0 : 1;
    }

    static Instant latest(List<LinkedRecord> records) {
        return records.stream().map(LinkedRecord::updatedAt).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
    }
}
