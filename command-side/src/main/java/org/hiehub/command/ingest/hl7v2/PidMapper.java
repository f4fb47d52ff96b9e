package org.hiehub.command.ingest.hl7v2;

import static org.hiehub.command.ingest.hl7v2.Hl7Values.firstNonNull;
import static org.hiehub.command.ingest.hl7v2.Hl7Values.text;

import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.datatype.XAD;
import ca.uhn.hl7v2.model.v251.datatype.XPN;
import ca.uhn.hl7v2.model.v251.segment.PID;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hiehub.api.identity.Address;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.PatientIdentifier;
import org.hiehub.api.identity.PersonName;
import org.hiehub.command.ingest.RejectedInput;

/**
 * PID → the source record's key and demographics. The record is keyed by the medical record number (the PID-3
 * repetition typed MR, else the first) under its assigning authority (CX-4); a sender that leaves CX-4 empty
 * assigns ids for its own facility, so MSH-4 stands in for it.
 */
final class PidMapper {

    /** PID-19 carries a US social security number by definition. */
    static final String SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn";

    private PidMapper() {
    }

    record Patient(String assigningAuthority, String localId, Demographics demographics) {
    }

    static Patient map(PID pid, String fallbackAuthority) throws RejectedInput {
        List<CX> ids = new ArrayList<>(Arrays.asList(pid.getPatientIdentifierList()));
        ids.removeIf(cx -> text(cx.getIDNumber()) == null);
        if (ids.isEmpty() && text(pid.getPatientID().getIDNumber()) != null) {
            ids.add(pid.getPatientID()); // v2.3 senders still put the MRN in PID-2
        }
        if (ids.isEmpty()) {
            throw RejectedInput.invalid("PID-3 patient identifier is missing", "PID-3", 101);
        }
        CX key = ids.stream().filter(cx -> "MR".equalsIgnoreCase(text(cx.getIdentifierTypeCode()))).findFirst()
                .orElse(ids.get(0));
        List<PatientIdentifier> identifiers = new ArrayList<>();
        for (CX cx : ids) {
            identifiers.add(new PatientIdentifier(authority(cx, fallbackAuthority), text(cx.getIDNumber()),
                    text(cx.getIdentifierTypeCode())));
        }
        String ssn = text(pid.getSSNNumberPatient());
        if (ssn != null) {
            identifiers.add(new PatientIdentifier(SSN_SYSTEM, ssn, "SS"));
        }
        Demographics demographics = new Demographics(names(pid.getPatientName()),
                Hl7Dates.date(text(pid.getDateTimeOfBirth().getTime()), "PID-7"),
                Demographic.sex(text(pid.getAdministrativeSex())), identifiers.stream().distinct().toList(),
                addresses(pid.getPatientAddress()), Demographic.telecoms(pid), 
                Hl7Dates.date(text(pid.getPatientDeathDateAndTime().getTime()), "PID-29"),
                Demographic.birthOrder(text(pid.getMultipleBirthIndicator()), text(pid.getBirthOrder())));
        return new Patient(authority(key, fallbackAuthority), text(key.getIDNumber()), demographics);
    }

    static String authority(CX cx, String fallbackAuthority) {
        String authority = firstNonNull(Hl7Values.hd(cx.getAssigningAuthority()),
                Hl7Values.hd(cx.getAssigningFacility()), fallbackAuthority);
        return authority == null ? "unknown" : authority;
    }

    private static List<PersonName> names(XPN[] names) {
        List<PersonName> out = new ArrayList<>();
        for (XPN xpn : names) {
            String family = text(xpn.getFamilyName().getSurname());
            List<String> given = new ArrayList<>();
            given.add(text(xpn.getGivenName()));
            String middle = text(xpn.getSecondAndFurtherGivenNamesOrInitialsThereof());
            if (middle != null) {
                given.addAll(Arrays.asList(middle.split("\\s+")));
            }
            given.removeIf(Objects::isNull);
            if (family != null || !given.isEmpty()) {
                out.add(new PersonName(Demographic.nameUse(text(xpn.getNameTypeCode())), family, given,
                        text(xpn.getPrefixEgDR()), text(xpn.getSuffixEgJRorIII())));
            }
        }
        return out;
    }

    private static List<Address> addresses(XAD[] addresses) {
        List<Address> out = new ArrayList<>();
        for (XAD xad : addresses) {
            List<String> lines = new ArrayList<>();
            lines.add(text(xad.getStreetAddress().getStreetOrMailingAddress()));
            lines.add(text(xad.getOtherDesignation()));
            lines.removeIf(Objects::isNull);
            Address address = new Address(Demographic.addressUse(text(xad.getAddressType())), lines,
                    text(xad.getCity()), text(xad.getCountyParishCode()), text(xad.getStateOrProvince()),
                    text(xad.getZipOrPostalCode()), text(xad.getCountry()));
            if (!lines.isEmpty() || address.city() != null || address.postalCode() != null) {
                out.add(address);
            }
        }
        return out;
    }
}
