package org.hiehub.hub.cli;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.ContactPoint;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;

/**
 * Turns a CSV row into {@link Demographics} by a {@code --map field=column,...} specification, so evaluation
 * feeds the engine exactly what ingestion would. Impossible dates (FEBRL has month 24) become no date, as the
 * hub's normalisation rejects them too.
 */
final class ColumnMapping {

    static final Set<String> FIELDS = Set.of("given", "family", "dob", "sex", "street_number", "address1",
            "address2", "city", "postcode", "state", "ssn", "phone", "email", "mrn");
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuuMMdd"), DateTimeFormatter.ofPattern("uuuu-MM-dd"),
            DateTimeFormatter.ofPattern("dd/MM/uuuu")).stream()
            .map(f -> f.withResolverStyle(ResolverStyle.STRICT)).toList();

    private final Map<String, String> columnByField;

    private ColumnMapping(Map<String, String> columnByField) {
        this.columnByField = columnByField;
    }

    static ColumnMapping parse(String specification) {
        Map<String, String> columnByField = new LinkedHashMap<>();
        for (String entry : specification.split(",")) {
            String[] parts = entry.split("=", 2);
            if (parts.length != 2 || !FIELDS.contains(parts[0].trim())) {
                throw new IllegalArgumentException("--map entry '" + entry + "': expected field=column, field one of "
                        + FIELDS);
            }
            columnByField.put(parts[0].trim(), parts[1].trim());
        }
        return new ColumnMapping(columnByField);
    }

    /** A reader for one table: resolves column names to positions once. */
    RowReader reader(CsvTable table) {
        Map<String, Integer> index = table.columnIndex();
        Map<String, Integer> positions = new LinkedHashMap<>();
        columnByField.forEach((field, column) -> {
            Integer position = index.get(column);
            if (position == null) {
                throw new IllegalArgumentException("column '" + column + "' not in header " + table.header());
            }
            positions.put(field, position);
        });
        return row -> demographics(field -> CsvTable.cell(row, positions.get(field)));
    }

    interface RowReader {
        Demographics demographics(List<String> row);
    }

    private static Demographics demographics(java.util.function.Function<String, String> value) {
        List<PersonName> names = value.apply("given") == null && value.apply("family") == null ? List.of()
                : List.of(new PersonName("official", value.apply("family"), value.apply("given") == null ? List.of()
                : List.of(value.apply("given")), null, null));
        String street = join(value.apply("street_number"), value.apply("address1"));
        // Line positions carry meaning (line 2 is the building or complex): an absent line stays as "".
        List<String> lines = List.of(street == null ? "" : street,
                value.apply("address2") == null ? "" : value.apply("address2"));
        List<Address> addresses = street == null && value.apply("address2") == null && value.apply("city") == null
                && value.apply("postcode") == null ? List.of()
                : List.of(new Address("home", lines, value.apply("city"), null, value.apply("state"),
                value.apply("postcode"), null));
        List<PatientIdentifier> identifiers = new ArrayList<>();
        if (value.apply("ssn") != null) {
            identifiers.add(new PatientIdentifier("http://hl7.org/fhir/sid/us-ssn", value.apply("ssn"), "SS"));
        }
        if (value.apply("mrn") != null) {
            identifiers.add(new PatientIdentifier("urn:match-eval:mrn", value.apply("mrn"), "MR"));
        }
        List<ContactPoint> telecoms = new ArrayList<>();
        if (value.apply("phone") != null) {
            telecoms.add(new ContactPoint("phone", value.apply("phone"), "home"));
        }
        if (value.apply("email") != null) {
            telecoms.add(new ContactPoint("email", value.apply("email"), "home"));
        }
        return new Demographics(names, date(value.apply("dob")), value.apply("sex"), identifiers, addresses,
                telecoms, null, null);
    }

    private static String join(String number, String street) {
        if (street == null) {
            return number;
        }
        return number == null ? street : number + " " + street;
    }

    private static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return LocalDate.parse(text, format);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }
}
