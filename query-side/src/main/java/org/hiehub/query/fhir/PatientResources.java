package org.hiehub.query.fhir;

import java.util.List;
import org.bson.Document;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/** A patient summary's golden record as an R4 Patient; the id is the master patient id. */
final class PatientResources {

    private PatientResources() {
    }

    static Patient toPatient(Document summary) {
        Patient patient = new Patient();
        patient.setId(summary.getString("masterPatientId"));
        summary.getList("identifiers", Document.class, List.of()).forEach(id -> {
            Identifier identifier = patient.addIdentifier().setSystem(id.getString("system"))
                    .setValue(id.getString("value"));
            if (id.getString("type") != null) {
                identifier.getType().setText(id.getString("type"));
            }
        });
        Document golden = summary.get("golden", new Document());
        Document name = value(golden, "name");
        if (name != null) {
            HumanName human = patient.addName().setFamily(name.getString("family"));
            name.getList("given", String.class, List.of()).forEach(human::addGiven);
            if (name.getString("prefix") != null) {
                human.addPrefix(name.getString("prefix"));
            }
            if (name.getString("suffix") != null) {
                human.addSuffix(name.getString("suffix"));
            }
        }
        Object birthDate = golden.get("birthDate", new Document()).get("value");
        if (birthDate != null) {
            patient.setBirthDateElement(new DateType(birthDate.toString()));
        }
        Object sex = golden.get("sex", new Document()).get("value");
        if (sex != null) {
            patient.setGender(gender(sex.toString()));
        }
        Document address = value(golden, "address");
        if (address != null) {
            Address postal = patient.addAddress().setCity(address.getString("city"))
                    .setDistrict(address.getString("district")).setState(address.getString("state"))
                    .setPostalCode(address.getString("postalCode")).setCountry(address.getString("country"));
            address.getList("lines", String.class, List.of()).forEach(postal::addLine);
        }
        Object telecoms = golden.get("telecoms", new Document()).get("value");
        if (telecoms instanceof List<?> list) {
            list.stream().filter(Document.class::isInstance).map(Document.class::cast).forEach(t -> {
                ContactPoint point = patient.addTelecom().setValue(t.getString("value"));
                if (t.getString("system") != null) {
                    point.setSystem(telecomSystem(t.getString("system")));
                }
            });
        }
        return patient;
    }

    static AdministrativeGender gender(String code) {
        try {
            return AdministrativeGender.fromCode(code.toLowerCase(java.util.Locale.ROOT));
        } catch (Exception e) {
            return AdministrativeGender.UNKNOWN;
        }
    }

    private static ContactPoint.ContactPointSystem telecomSystem(String code) {
        try {
            return ContactPoint.ContactPointSystem.fromCode(code.toLowerCase(java.util.Locale.ROOT));
        } catch (Exception e) {
            return ContactPoint.ContactPointSystem.OTHER;
        }
    }

    private static Document value(Document golden, String field) {
        Object value = golden.get(field, new Document()).get("value");
        return value instanceof Document document ? document : null;
    }
}
