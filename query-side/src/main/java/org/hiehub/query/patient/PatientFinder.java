package org.hiehub.query.patient;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.hiehub.projections.summary.NameKeys;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.summary.SummaryCollections;
import org.hiehub.projections.versions.ReadModels;
import org.springframework.stereotype.Component;

/**
 * Patient search over the summaries' search keys (every linked record's names, birth dates and sexes): by
 * identifier, name — each word typed must start a name word or sound like one (Double Metaphone or Soundex) —,
 * birth date and gender, all given criteria together. Spelled matches rank before sound-alikes. Retired (merged)
 * master patients are left out; their survivor is found instead. The store query narrows by the most selective
 * criterion (real MongoDB uses the identifier, phonetic and birth-date indexes); the rest is checked here.
 */
@Component
public class PatientFinder {

    public static final int MAX_RESULTS = 100;
    private static final Document WITHOUT_KEYS = new Document("search", new Document("$exists", false));
    private final ReadModels readModels;
    /** Versions (collection namespaces) found to hold no summary written before search keys existed. */
    private final Set<String> keyedThroughout = ConcurrentHashMap.newKeySet();

    public PatientFinder(ReadModels readModels) {
        this.readModels = readModels;
    }

    /** Criteria; null means any. {@code identifier} is FHIR token syntax: {@code system|value}, {@code value}, … */
    public record Criteria(String identifier, String name, String birthDate, String gender) {

        public boolean isEmpty() {
            return identifier == null && name == null && birthDate == null && gender == null;
        }
    }

    /** A found summary (as stored) and how its name matched: "spelled", "phonetic", or null (no name asked). */
    public record Match(Document summary, String nameMatch) {
    }

    public List<Match> search(Criteria criteria) {
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("give at least one of identifier, name, birthDate, gender");
        }
        List<String> words = NameKeys.words(criteria.name());
        if (criteria.name() != null && words.isEmpty()) {
            throw new IllegalArgumentException("name must contain letters");
        }
        List<Match> found = new ArrayList<>();
        MongoCollection<Document> summaries = readModels.live(PatientSummaryProjection.GROUP)
                .collection(SummaryCollections.SUMMARIES);
        for (Document summary : summaries.find(narrow(criteria, words, () -> holdsSummariesWithoutKeys(summaries)))) {
            if (summary.get("mergedInto") != null || !matchesDateAndGender(summary, criteria)) {
                continue;
            }
            String nameMatch = words.isEmpty() ? null : nameMatch(keys(summary), words);
            if (words.isEmpty() || nameMatch != null) {
                found.add(new Match(summary, nameMatch));
            }
        }
        found.sort(Comparator.comparing((Match m) -> "phonetic".equals(m.nameMatch()))
                .thenComparing(m -> m.summary().getString("_id")));
        return found.size() > MAX_RESULTS ? found.subList(0, MAX_RESULTS) : found;
    }

    /**
     * Whether this version of the view still holds summaries written before search keys existed, which only a scan
     * finds (a clause {@code search $exists false} in the query makes MongoDB, too, read the whole collection). The
     * projection writes the keys on every summary it writes, so a version found without such summaries never gains
     * one and is not asked again; a version with them is asked each time, until patient-summary is rebuilt. (A
     * summary's header is written just before its keys, so a search may catch one without them for a moment: it
     * then pays one scan more.)
     */
    private boolean holdsSummariesWithoutKeys(MongoCollection<Document> summaries) {
        String version = summaries.getNamespace().getFullName();
        if (keyedThroughout.contains(version)) {
            return false;
        }
        // a merged-away patient's summary is never an answer, whatever it holds
        boolean without = summaries.find(new Document(WITHOUT_KEYS).append("mergedInto", null))
                .projection(new Document("_id", 1)).limit(1).first() != null;
        if (!without) {
            keyedThroughout.add(version);
        }
        return without;
    }

    /** {@code summariesWithoutKeys} is asked only by a search that reads the keys (name or birth date). */
    private static Bson narrow(Criteria criteria, List<String> words, BooleanSupplier summariesWithoutKeys) {
        if (criteria.identifier() != null) {
            return identifier(criteria.identifier());
        }
        List<Bson> either = new ArrayList<>();
        if (criteria.birthDate() != null) {
            either.add(new Document("search.birthDates", criteria.birthDate()));
        } else if (!words.isEmpty()) {
            // the first word's spelling prefix or its sounds
            String first = words.get(0);
            either.add(new Document("search.names", Pattern.compile("^" + Pattern.quote(first))));
            either.add(new Document("search.phonetic", new Document("$in", new ArrayList<>(NameKeys.phonetic(first)))));
        } else {
            return new Document();
        }
        if (summariesWithoutKeys.getAsBoolean()) {
            either.add(WITHOUT_KEYS);
        }
        return either.size() == 1 ? either.get(0) : new Document("$or", either);
    }

    /**
     * FHIR token search: {@code system|value}; {@code value} alone, in any system; {@code |value}, an identifier sent
     * without a system (which the hub does not keep: it cannot be told apart across sources, so this finds no one);
     * {@code system|}, any identifier of that system.
     */
    private static Bson identifier(String token) {
        int bar = token.indexOf('|');
        if (bar < 0) {
            return elemMatch("identifiers", eq("value", token));
        }
        String system = token.substring(0, bar);
        String value = token.substring(bar + 1);
        if (system.isEmpty() && value.isEmpty()) {
            throw new IllegalArgumentException("identifier must be VALUE, SYSTEM|VALUE, |VALUE or SYSTEM|");
        }
        if (system.isEmpty()) {
            return elemMatch("identifiers", and(eq("system", null), eq("value", value)));
        }
        return elemMatch("identifiers", value.isEmpty() ? eq("system", system)
                : and(eq("system", system), eq("value", value)));
    }

    private static boolean matchesDateAndGender(Document summary, Criteria criteria) {
        Keys keys = keys(summary);
        return (criteria.birthDate() == null || keys.birthDates.contains(criteria.birthDate()))
                && (criteria.gender() == null || keys.genders.contains(criteria.gender().toLowerCase(Locale.ROOT)));
    }

    /** "spelled" if every word typed starts a name word; "phonetic" if every word at least sounds like one. */
    private static String nameMatch(Keys keys, List<String> typed) {
        boolean spelled = true;
        for (String word : typed) {
            boolean prefix = keys.names.stream().anyMatch(n -> n.startsWith(word));
            if (!prefix) {
                spelled = false;
                Set<String> sounds = NameKeys.phonetic(word);
                if (sounds.stream().noneMatch(keys.phonetic::contains)) {
                    return null;
                }
            }
        }
        return spelled ? "spelled" : "phonetic";
    }

    private record Keys(List<String> names, Set<String> phonetic, Set<String> birthDates, Set<String> genders) {
    }

    private static Keys keys(Document summary) {
        Document search = summary.get("search", Document.class);
        if (search != null) {
            return new Keys(search.getList("names", String.class, List.of()),
                    new HashSet<>(search.getList("phonetic", String.class, List.of())),
                    new HashSet<>(search.getList("birthDates", String.class, List.of())),
                    new HashSet<>(search.getList("genders", String.class, List.of())));
        }
        // a summary written before search keys existed: its golden record only, until patient-summary is rebuilt
        Document golden = summary.get("golden", new Document());
        Object nameValue = golden.get("name", new Document()).get("value");
        List<String> names = new ArrayList<>();
        if (nameValue instanceof Document name) {
            names.addAll(NameKeys.words(name.getString("family")));
            name.getList("given", String.class, List.of()).forEach(g -> names.addAll(NameKeys.words(g)));
        }
        Set<String> phonetic = new HashSet<>();
        names.forEach(n -> phonetic.addAll(NameKeys.phonetic(n)));
        Object birth = golden.get("birthDate", new Document()).get("value");
        Object sex = golden.get("sex", new Document()).get("value");
        return new Keys(names, phonetic, birth == null ? Set.of() : Set.of(birth.toString()),
                sex == null ? Set.of() : Set.of(sex.toString().toLowerCase(Locale.ROOT)));
    }
}
