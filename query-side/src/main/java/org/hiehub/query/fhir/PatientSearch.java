package org.hiehub.query.fhir;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hiehub.projections.summary.SummaryCollections;
import org.springframework.stereotype.Component;

/**
 * FHIR Patient search over the summaries. Name, birth date and gender are matched here rather than in the query:
 * the embedded read store serves only {@code _id} from an index, so a field filter would scan all the same.
 * Retired (merged) master patients are left out; their survivor is found instead.
 */
@Component
class PatientSearch {

    static final int MAX_RESULTS = 100;
    private final MongoCollection<Document> summaries;

    PatientSearch(MongoDatabase readStore) {
        this.summaries = readStore.getCollection(SummaryCollections.SUMMARIES);
    }

    /** Criteria; null means any. {@code identifier} is FHIR token syntax {@code system|value}. */
    record Criteria(String identifier, String name, String birthdate, String gender) {

        boolean isEmpty() {
            return identifier == null && name == null && birthdate == null && gender == null;
        }
    }

    List<Document> search(Criteria criteria) {
        Bson query = new Document();
        if (criteria.identifier() != null) {
            int bar = criteria.identifier().indexOf('|');
            if (bar <= 0 || bar == criteria.identifier().length() - 1) {
                throw new IllegalArgumentException("identifier must be system|value");
            }
            query = elemMatch("identifiers", and(eq("system", criteria.identifier().substring(0, bar)),
                    eq("value", criteria.identifier().substring(bar + 1))));
        }
        Predicate<Document> wanted = s -> s.get("mergedInto") == null;
        if (criteria.name() != null) {
            wanted = wanted.and(s -> nameStartsWith(s, criteria.name().toLowerCase(Locale.ROOT)));
        }
        if (criteria.birthdate() != null) {
            wanted = wanted.and(s -> criteria.birthdate().equals(golden(s, "birthDate")));
        }
        if (criteria.gender() != null) {
            wanted = wanted.and(s -> criteria.gender().equalsIgnoreCase(String.valueOf(golden(s, "sex"))));
        }
        return summaries.find(query).sort(Sorts.ascending("_id")).into(new ArrayList<>()).stream().filter(wanted)
                .limit(MAX_RESULTS).toList();
    }

    /** FHIR string search: case-insensitive match at the start of the family name or any given name. */
    private static boolean nameStartsWith(Document summary, String wanted) {
        Object name = golden(summary, "name");
        if (!(name instanceof Document parts)) {
            return false;
        }
        List<String> words = new ArrayList<>(parts.getList("given", String.class, List.of()));
        words.add(parts.getString("family"));
        return words.stream().filter(w -> w != null).anyMatch(w -> w.toLowerCase(Locale.ROOT).startsWith(wanted));
    }

    private static Object golden(Document summary, String field) {
        Object value = summary.get("golden", new Document()).get(field, new Document()).get("value");
        return value == null ? null : value instanceof Document ? value : value.toString();
    }
}
