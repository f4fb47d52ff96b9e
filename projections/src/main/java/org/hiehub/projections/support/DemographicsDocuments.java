package org.hiehub.projections.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.ContactPoint;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;

/**
 * {@link Demographics} to a read-model document and back, by hand: the same document {@link ReadModelMapper} writes
 * (every component in declaration order, nulls kept, dates as ISO strings, nested parts as plain maps), without
 * Jackson's round trip through a token buffer. The patient summary reads every linked record's demographics
 * back each time it recomputes a golden record, and that conversion was about 40% of its thread's samples.
 * {@code DemographicsDocumentsTest} holds both ways to {@link ReadModelMapper}'s.
 */
public final class DemographicsDocuments {

    private DemographicsDocuments() {
    }

    public static Document write(Demographics d) {
        if (d == null) {
            return null;
        }
        Document out = new Document();
        out.put("names", list(d.names(), DemographicsDocuments::name));
        out.put("birthDate", date(d.birthDate()));
        out.put("administrativeSex", d.administrativeSex());
        out.put("identifiers", list(d.identifiers(), DemographicsDocuments::identifier));
        out.put("addresses", list(d.addresses(), DemographicsDocuments::address));
        out.put("telecoms", list(d.telecoms(), DemographicsDocuments::telecom));
        out.put("deceasedDate", date(d.deceasedDate()));
        out.put("multipleBirthOrder", d.multipleBirthOrder());
        return out;
    }

    /** Reads what {@link #write} or {@link ReadModelMapper#toDocument} wrote, as stored or still in memory. */
    public static Demographics read(Map<String, Object> doc) {
        if (doc == null) {
            return null;
        }
        Number order = (Number) doc.get("multipleBirthOrder");
        return new Demographics(parts(doc.get("names"), DemographicsDocuments::name),
                date(doc.get("birthDate")), (String) doc.get("administrativeSex"),
                parts(doc.get("identifiers"), DemographicsDocuments::identifier),
                parts(doc.get("addresses"), DemographicsDocuments::address),
                parts(doc.get("telecoms"), DemographicsDocuments::telecom), date(doc.get("deceasedDate")),
                order == null ? null : order.intValue());
    }

    private static Map<String, Object> name(PersonName n) {
        return fields("use", n.use(), "family", n.family(), "given", new ArrayList<>(n.given()), "prefix", n.prefix(),
                "suffix", n.suffix());
    }

    private static PersonName name(Map<String, Object> m) {
        return new PersonName(string(m, "use"), string(m, "family"), strings(m.get("given")), string(m, "prefix"),
                string(m, "suffix"));
    }

    private static Map<String, Object> identifier(PatientIdentifier i) {
        return fields("system", i.system(), "value", i.value(), "type", i.type());
    }

    private static PatientIdentifier identifier(Map<String, Object> m) {
        return new PatientIdentifier(string(m, "system"), string(m, "value"), string(m, "type"));
    }

    private static Map<String, Object> address(Address a) {
        return fields("use", a.use(), "lines", new ArrayList<>(a.lines()), "city", a.city(), "district", a.district(),
                "state", a.state(), "postalCode", a.postalCode(), "country", a.country());
    }

    private static Address address(Map<String, Object> m) {
        return new Address(string(m, "use"), strings(m.get("lines")), string(m, "city"), string(m, "district"),
                string(m, "state"), string(m, "postalCode"), string(m, "country"));
    }

    private static Map<String, Object> telecom(ContactPoint c) {
        return fields("system", c.system(), "value", c.value(), "use", c.use());
    }

    private static ContactPoint telecom(Map<String, Object> m) {
        return new ContactPoint(string(m, "system"), string(m, "value"), string(m, "use"));
    }

    /** A part as Jackson writes it: a plain map, its fields in declaration order, nulls kept. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    private static <T> List<Object> list(List<T> values, Function<T, Map<String, Object>> writer) {
        List<Object> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(writer.apply(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> parts(Object stored, Function<Map<String, Object>, T> reader) {
        if (stored == null) {
            return List.of();
        }
        List<Object> values = (List<Object>) stored;
        List<T> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(reader.apply((Map<String, Object>) v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object stored) {
        return stored == null ? List.of() : (List<String>) stored;
    }

    private static String string(Map<String, Object> m, String field) {
        return (String) m.get(field);
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static LocalDate date(Object stored) {
        return stored == null ? null : LocalDate.parse((String) stored);
    }
}
