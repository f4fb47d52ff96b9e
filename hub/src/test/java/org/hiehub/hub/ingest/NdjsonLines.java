package org.hiehub.hub.ingest;

/** NDJSON lines as a Bulk Data export writes them: a Patient with its MR identifier, a heart-rate Observation. */
final class NdjsonLines {

    static final String NDJSON = "application/fhir+ndjson";

    private NdjsonLines() {
    }

    static String patient(String id, String mrnSystem, String mrn, String family, String given, String birthDate) {
        return """
                {"resourceType":"Patient","id":"%s","identifier":[{"type":{"coding":[{"system":\
                "http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"%s","value":"%s"}],\
                "name":[{"family":"%s","given":["%s"]}],"birthDate":"%s","gender":"female"}"""
                .formatted(id, mrnSystem, mrn, family, given, birthDate).replace("\n", "");
    }

    /** A heart rate of {@code patientId} ("Patient/" + it) at {@code effective}. */
    static String heartRate(String patientId, String effective, int perMinute) {
        return """
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org",\
                "code":"8867-4"}]},"subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s",\
                "valueQuantity":{"value":%d,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}"""
                .formatted(patientId, effective, perMinute).replace("\n", "");
    }
}
