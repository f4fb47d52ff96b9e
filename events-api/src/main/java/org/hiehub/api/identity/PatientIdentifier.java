package org.hiehub.api.identity;

import java.util.Objects;

/**
 * An identifier a source gave the person: {@code system} is the assigning authority (FHIR system URI or HL7 CX-4),
 * {@code type} the HL7 v2 table 0203 code (MR, SS, DL, …) where known.
 */
public record PatientIdentifier(String system, String value, String type) {

    public PatientIdentifier {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(value, "value");
    }
}
