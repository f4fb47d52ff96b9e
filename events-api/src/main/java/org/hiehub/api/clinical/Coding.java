package org.hiehub.api.clinical;

/**
 * One code as the source sent it: {@code system} exactly as sent (a FHIR URI like http://loinc.org, or an HL7 v2
 * coding-system id like LN or a lab's local L), never rewritten here; mapping to LOINC/SNOMED/RxNorm happens in
 * projections from versioned tables.
 */
public record Coding(String system, String code, String display) {
}
