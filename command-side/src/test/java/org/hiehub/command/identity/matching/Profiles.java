package org.hiehub.command.identity.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;
import org.hiehub.command.identity.matching.profile.MatchProfile;
import org.hiehub.command.identity.matching.profile.MatchProfiles;

/** Test builder: demographics as a source would send them, and their match profile. */
public final class Profiles {

    private String given = "William";
    private String family = "Harrington";
    private LocalDate birthDate = LocalDate.of(1961, 3, 14);
    private String sex = "male";
    private String ssn;
    private String street = "12 Stanley Street";
    private String city = "Winston Hills";
    private String postcode = "4223";
    private Integer birthOrder;

    public static Profiles person() {
        return new Profiles();
    }

    public Profiles given(String value) { given = value; return this; }
    public Profiles family(String value) { family = value; return this; }
    public Profiles born(int year, int month, int day) { birthDate = LocalDate.of(year, month, day); return this; }
    public Profiles noBirthDate() { birthDate = null; return this; }
    public Profiles ssn(String value) { ssn = value; return this; }
    public Profiles street(String value) { street = value; return this; }
    public Profiles city(String value) { city = value; return this; }
    public Profiles postcode(String value) { postcode = value; return this; }
    public Profiles birthOrder(Integer value) { birthOrder = value; return this; }

    public Demographics demographics() {
        List<PatientIdentifier> identifiers = new ArrayList<>();
        if (ssn != null) {
            identifiers.add(new PatientIdentifier("http://hl7.org/fhir/sid/us-ssn", ssn, "SS"));
        }
        return new Demographics(List.of(new PersonName("official", family, given == null ? List.of() : List.of(given),
                null, null)), birthDate, sex, identifiers,
                List.of(new Address("home", List.of(street), city, null, "NSW", postcode, null)), List.of(), null,
                birthOrder);
    }

    public MatchProfile profile() {
        return MatchProfiles.from(demographics());
    }
}
