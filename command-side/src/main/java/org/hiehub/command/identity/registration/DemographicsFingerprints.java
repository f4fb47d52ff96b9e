package org.hiehub.command.identity.registration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.PersonName;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.command.identity.index.Pseudonyms;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes of the demographics each source record last stated, so that a re-send that tells the hub nothing
 * new skips loading the SourceRecord aggregate and writes no event. Two questions are answered:
 * <ul>
 *   <li>the same demographics again (an ADT or FHIR Patient re-sent): the hash of the whole;</li>
 *   <li>nothing the hub does not already hold (a result's PID, which only identifies the patient and usually
 *       carries less than the ADT did: no address, no middle name): every part it values — each name, identifier,
 *       address and telecom, birth date, sex — must be among the parts remembered, a name also matching a
 *       remembered name with fewer given names.</li>
 * </ul>
 * Only a cache of the source's own statements, with no personal data in clear (HMAC, cut to 64 bits per part): written
 * in the registration's transaction, deleted by erasure, and when a row is missing the aggregate decides as before.
 */
@Component
class DemographicsFingerprints {

    private static final String WHOLE = "W:";
    private final JdbcTemplate jdbc;
    private final Pseudonyms pseudonyms;

    DemographicsFingerprints(JdbcTemplate jdbc, Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    /** A registered record: its master patient while linked, and what is remembered of its demographics. */
    record Known(Optional<MasterPatientId> masterPatient, Remembered remembered) {
    }

    /**
     * The record as the identity index knows it, with its remembered demographics, in one round trip; empty when
     * the record is not registered.
     */
    Optional<Known> known(SourceRecordId record) {
        return jdbc.query("""
                select r.master_patient_id, f.fingerprint
                  from mpi_source_record r
                  left join registration_fingerprint f on f.source_record_id = r.source_record_id
                 where r.source_record_id = ?""",
                (rs, row) -> new Known(Optional.ofNullable(rs.getString(1)).map(MasterPatientId::of),
                        Remembered.parse(rs.getString(2))), record.value()).stream().findFirst();
    }

    /** What is remembered for one record, as read with its registration. */
    record Remembered(String whole, Set<String> parts) {

        static Remembered parse(String stored) {
            if (stored == null) {
                return null;
            }
            String[] tokens = stored.split(" ");
            if (!tokens[0].startsWith(WHOLE)) {
                return new Remembered(tokens[0], Set.of()); // written before the parts were kept
            }
            return new Remembered(tokens[0].substring(WHOLE.length()),
                    Set.copyOf(Arrays.asList(tokens).subList(1, tokens.length)));
        }
    }

    /** True when {@code demographics} adds nothing to what was remembered for the record. */
    boolean addsNothing(Remembered remembered, Demographics demographics, boolean identifiesOnly) {
        if (remembered == null) {
            return false;
        }
        if (remembered.whole().equals(whole(demographics))) {
            return true;
        }
        return identifiesOnly && !remembered.parts().isEmpty()
                && remembered.parts().containsAll(hashed(stated(demographics)));
    }

    void remember(SourceRecordId record, Demographics demographics) {
        List<String> tokens = new ArrayList<>();
        tokens.add(WHOLE + whole(demographics));
        tokens.addAll(hashed(covered(demographics)));
        jdbc.update("insert into registration_fingerprint(source_record_id, fingerprint) values (?, ?) "
                + "on conflict (source_record_id) do update set fingerprint = excluded.fingerprint",
                record.value(), String.join(" ", tokens));
    }

    private String whole(Demographics demographics) {
        return pseudonyms.hash(String.valueOf(demographics));
    }

    private Set<String> hashed(Set<String> parts) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : parts) {
            out.add(pseudonyms.hash(part).substring(0, 16));
        }
        return out;
    }

    /** The parts a message states: every valued element of its demographics. */
    static Set<String> stated(Demographics d) {
        Set<String> parts = scalars(d);
        d.names().forEach(name -> parts.add(name(name, name.given())));
        return parts;
    }

    /** The parts remembered demographics cover: as stated, and each name also with fewer given names. */
    static Set<String> covered(Demographics d) {
        Set<String> parts = scalars(d);
        for (PersonName name : d.names()) {
            for (int given = 0; given <= name.given().size(); given++) {
                parts.add(name(name, name.given().subList(0, given)));
            }
        }
        return parts;
    }

    private static Set<String> scalars(Demographics d) {
        Set<String> parts = new LinkedHashSet<>();
        addIfPresent(parts, "birth", d.birthDate());
        addIfPresent(parts, "sex", d.administrativeSex());
        addIfPresent(parts, "deceased", d.deceasedDate());
        addIfPresent(parts, "birthOrder", d.multipleBirthOrder());
        d.identifiers().forEach(identifier -> parts.add("identifier\u001f" + identifier));
        d.addresses().forEach(address -> parts.add("address\u001f" + address));
        d.telecoms().forEach(telecom -> parts.add("telecom\u001f" + telecom));
        return parts;
    }

    private static String name(PersonName name, List<String> given) {
        return "name\u001f" + new PersonName(name.use(), name.family(), given, name.prefix(), name.suffix());
    }

    private static void addIfPresent(Set<String> parts, String field, Object value) {
        if (value != null && !Objects.toString(value).isBlank()) {
            parts.add(field + "\u001f" + value);
        }
    }
}
