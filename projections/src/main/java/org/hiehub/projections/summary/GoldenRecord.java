package org.hiehub.projections.summary;

import static org.hiehub.projections.support.ReadModelMapper.toDocument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.bson.Document;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;
import org.hiehub.projections.summary.SurvivorshipRules.Rule;

/**
 * Survivorship: builds the master patient's best view from its linked source records by the configured rule per
 * field (newest, most complete, most trusted), the source trust ranking breaking ties, then recency. Every field
 * names the source it came from. A pure function of its input, so a rebuild yields the same document.
 */
final class GoldenRecord {

    private static final Comparator<Instant> NEWEST = Comparator.nullsLast(Comparator.reverseOrder());
    private final SurvivorshipRules rules;

    GoldenRecord(SurvivorshipRules rules) {
        this.rules = rules;
    }

    Document of(List<LinkedRecord> records) {
        List<LinkedRecord> known = records.stream().filter(r -> r.demographics() != null).toList();
        Document golden = new Document();
        pick(known, rules.name(), d -> d.names().stream().findFirst(), GoldenRecord::completeness)
                .ifPresent(f -> golden.append("name", f));
        pick(known, rules.birthDate(), d -> Optional.ofNullable(d.birthDate()).map(Object::toString), v -> 1)
                .ifPresent(f -> golden.append("birthDate", f));
        pick(known, rules.sex(), d -> Optional.ofNullable(d.administrativeSex()), v -> 1)
                .ifPresent(f -> golden.append("sex", f));
        pick(known, rules.address(), d -> d.addresses().stream().findFirst(), GoldenRecord::completeness)
                .ifPresent(f -> golden.append("address", f));
        pick(known, rules.telecoms(), d -> d.telecoms().isEmpty() ? Optional.empty() : Optional.of(d.telecoms()),
                List::size).ifPresent(f -> golden.append("telecoms", f));
        pick(known, rules.deceasedDate(), d -> Optional.ofNullable(d.deceasedDate()).map(Object::toString), v -> 1)
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

    static Instant latest(List<LinkedRecord> records) {
        return records.stream().map(LinkedRecord::updatedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
    }

    private <T> Optional<Document> pick(List<LinkedRecord> records, Rule rule,
                                        Function<Demographics, Optional<T>> field, ToIntFunction<T> completeness) {
        record Candidate<V>(LinkedRecord record, V value) {
        }
        List<Candidate<T>> candidates = new ArrayList<>();
        for (LinkedRecord record : records) {
            field.apply(record.demographics()).ifPresent(v -> candidates.add(new Candidate<>(record, v)));
        }
        Comparator<Candidate<T>> trust = Comparator.comparingInt(c -> rules.trustRank(c.record().sourceSystem()));
        Comparator<Candidate<T>> recency = Comparator.comparing(c -> c.record().updatedAt(), NEWEST);
        Comparator<Candidate<T>> complete = Comparator.comparingInt(
                (Candidate<T> c) -> completeness.applyAsInt(c.value())).reversed();
        Comparator<Candidate<T>> order = switch (rule) {
            case NEWEST -> recency.thenComparing(trust);
            case MOST_COMPLETE -> complete.thenComparing(trust).thenComparing(recency);
            case MOST_TRUSTED -> trust.thenComparing(recency);
        };
        return candidates.stream()
                .min(order.thenComparing(c -> c.record().sourceRecordId()))
                .map(c -> sourced(c.value(), c.record()));
    }

    private static Document identifierDocument(PatientIdentifier id) {
        return new Document("system", id.system()).append("value", id.value()).append("type", id.type())
                .append("sources", new ArrayList<String>());
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
}
