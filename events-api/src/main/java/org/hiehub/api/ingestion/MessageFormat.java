package org.hiehub.api.ingestion;

/** The wire format a message arrived in. */
public enum MessageFormat {
    HL7V2, FHIR_BUNDLE, FHIR_NDJSON
}
