package org.hiehub.command.ingest.fhir;

import java.util.List;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.ContactPoint;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;

/** A FHIR Patient to the source's view of the person ({@link Demographics}), parts as sent. */
final class PatientMapper {

    private PatientMapper() {
    }

    static Demographics demographics(Patient p) {
        List<PersonName> names = p.getName().stream().filter(n -> n.hasFamily() || n.hasGiven())
                .map(PatientMapper::name).toList();
        // An identifier without a system cannot be told apart from another source's number with the same digits,
        // so only system-qualified identifiers go to the MPI; the raw payload keeps the rest.
        List<PatientIdentifier> identifiers = p.getIdentifier().stream().filter(i -> i.hasSystem() && i.hasValue())
                .map(i -> new PatientIdentifier(i.getSystem(), i.getValue(), typeCode(i))).toList();
        List<Address> addresses = p.getAddress().stream().map(a -> new Address(code(a.getUseElement()),
                a.getLine().stream().map(PrimitiveType::getValue).toList(), a.getCity(), a.getDistrict(),
                a.getState(), a.getPostalCode(), a.getCountry())).toList();
        List<ContactPoint> telecoms = p.getTelecom().stream().filter(t -> t.hasValue())
                .map(t -> new ContactPoint(code(t.getSystemElement()), t.getValue(), code(t.getUseElement())))
                .toList();
        // deceasedBoolean=true carries no date, and the event has only a date: the raw payload keeps the flag.
        var deceased = p.hasDeceasedDateTimeType() ? FhirTimes.fullDate(p.getDeceasedDateTimeType()) : null;
        Integer birthOrder = p.hasMultipleBirthIntegerType() ? p.getMultipleBirthIntegerType().getValue() : null;
        return new Demographics(names, p.hasBirthDateElement() ? FhirTimes.fullDate(p.getBirthDateElement()) : null,
                code(p.getGenderElement()), identifiers, addresses, telecoms, deceased, birthOrder);
    }

    private static PersonName name(HumanName n) {
        return new PersonName(code(n.getUseElement()), n.getFamily(),
                n.getGiven().stream().map(PrimitiveType::getValue).toList(),
                n.hasPrefix() ? n.getPrefixAsSingleString() : null, n.hasSuffix() ? n.getSuffixAsSingleString() : null);
    }

    /** HL7 table 0203 code (MR, SS, DL, PPN…) from Identifier.type, as sent. */
    private static String typeCode(Identifier identifier) {
        return identifier.hasType() ? FhirValues.code(identifier.getType()) : null;
    }

    private static String code(org.hl7.fhir.r4.model.Enumeration<?> value) {
        return FhirValues.code(value);
    }
}
