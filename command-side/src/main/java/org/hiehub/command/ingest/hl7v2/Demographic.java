package org.hiehub.command.ingest.hl7v2;

import static org.hiehub.command.ingest.hl7v2.Hl7Values.text;

import ca.uhn.hl7v2.model.v251.datatype.XTN;
import ca.uhn.hl7v2.model.v251.segment.PID;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hiehub.api.identity.ContactPoint;

/** HL7 v2 demographic code tables (0001 sex, 0200 name type, 0190 address type, 0201/0202 telecom) in FHIR terms. */
final class Demographic {

    private Demographic() {
    }

    static String sex(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.toUpperCase(Locale.ROOT)) {
            case "M" -> "male";
            case "F" -> "female";
            case "O", "A" -> "other";
            default -> "unknown";
        };
    }

    static String nameUse(String code) {
        if (code == null) {
            return "official";
        }
        return switch (code.toUpperCase(Locale.ROOT)) {
            // table 0200: D display, T indigenous/tribal/community (not temporary), A alias: names the person goes
            // by; S a coded pseudo-name
            case "D", "T", "A" -> "usual";
            case "M" -> "maiden";
            case "N" -> "nickname";
            case "S" -> "anonymous";
            default -> "official";
        };
    }

    static String addressUse(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.toUpperCase(Locale.ROOT)) {
            case "H", "M", "P" -> "home";
            case "B", "O" -> "work";
            case "C", "V" -> "temp";
            case "BA" -> "billing";
            default -> null;
        };
    }

    /** Only a sender that flags a multiple birth (PID-24 = Y) says something by PID-25. */
    static Integer birthOrder(String multipleBirth, String order) {
        if (!"Y".equalsIgnoreCase(multipleBirth) || order == null || !order.matches("\\d{1,2}")) {
            return null;
        }
        return Integer.valueOf(order);
    }

    static List<ContactPoint> telecoms(PID pid) {
        List<ContactPoint> out = new ArrayList<>();
        for (XTN xtn : pid.getPhoneNumberHome()) {
            add(out, xtn, "home");
        }
        for (XTN xtn : pid.getPhoneNumberBusiness()) {
            add(out, xtn, "work");
        }
        return out;
    }

    private static void add(List<ContactPoint> out, XTN xtn, String defaultUse) {
        String equipment = text(xtn.getTelecommunicationEquipmentType());
        String useCode = text(xtn.getTelecommunicationUseCode());
        String email = text(xtn.getEmailAddress());
        if ("NET".equalsIgnoreCase(useCode) || "Internet".equalsIgnoreCase(equipment) || email != null) {
            if (email != null) {
                out.add(new ContactPoint("email", email, defaultUse));
            }
            return;
        }
        String number = Hl7Values.firstNonNull(text(xtn.getTelephoneNumber()), composed(xtn),
                text(xtn.getUnformattedTelephoneNumber()));
        if (number == null) {
            return;
        }
        String system = "FX".equalsIgnoreCase(equipment) ? "fax" : "BP".equalsIgnoreCase(equipment) ? "pager"
                : "phone";
        String use = "CP".equalsIgnoreCase(equipment) || "PRS".equalsIgnoreCase(useCode) ? "mobile"
                : "WPN".equalsIgnoreCase(useCode) ? "work" : defaultUse;
        out.add(new ContactPoint(system, number, use));
    }

    private static String composed(XTN xtn) {
        String local = text(xtn.getLocalNumber());
        if (local == null) {
            return null;
        }
        String area = text(xtn.getAreaCityCode());
        String country = text(xtn.getCountryCode());
        return (country == null ? "" : "+" + country + " ") + (area == null ? "" : "(" + area + ") ") + local;
    }
}
