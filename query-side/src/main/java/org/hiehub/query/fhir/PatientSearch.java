package org.hiehub.query.fhir;

import java.util.List;
import org.bson.Document;
import org.hiehub.query.patient.PatientFinder;
import org.springframework.stereotype.Component;

/**
 * FHIR Patient search: {@code name} matches a name word by its start (FHIR string search) or, beyond the
 * standard, by its sound, as {@code phonetic} does; {@code birthdate} an exact date; {@code gender} and
 * {@code identifier} as tokens. Spelled matches come first. The search itself is the REST API's.
 */
@Component
class PatientSearch {

    private final PatientFinder finder;

    PatientSearch(PatientFinder finder) {
        this.finder = finder;
    }

    /** Criteria; null means any. {@code identifier} is FHIR token syntax {@code system|value}. */
    record Criteria(String identifier, String name, String birthdate, String gender) {

        boolean isEmpty() {
            return identifier == null && name == null && birthdate == null && gender == null;
        }
    }

    List<Document> search(Criteria criteria) {
        if (criteria.birthdate() != null && !criteria.birthdate().matches("(eq)?\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("birthdate must be a full date (YYYY-MM-DD), optionally prefixed eq");
        }
        String birthDate = criteria.birthdate() == null ? null : criteria.birthdate().replaceFirst("^eq", "");
        return finder.search(new PatientFinder.Criteria(criteria.identifier(), criteria.name(), birthDate,
                criteria.gender())).stream().map(PatientFinder.Match::summary).toList();
    }
}
