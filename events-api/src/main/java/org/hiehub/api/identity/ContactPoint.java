package org.hiehub.api.identity;

/** A phone number, e-mail or other contact (HL7 XTN / FHIR ContactPoint); {@code system}: phone, email, … */
public record ContactPoint(String system, String value, String use) {
}
