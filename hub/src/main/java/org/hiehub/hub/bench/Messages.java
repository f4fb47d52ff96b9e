package org.hiehub.hub.bench;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/** Made-up patients and their messages for load runs: every call a new person with an unrelated name. */
final class Messages {

    static final String HL7_AUTHORITY = "SOAK";
    static final String FHIR_SYSTEM = "urn:hiehub:soak";
    private static final String CONSONANTS = "BCDFGHJKLMNPRSTVWZ";
    private static final String VOWELS = "AEIOU";

    private Messages() {
    }

    static String oru(String id) {
        return "MSH|^~\\&|SOAKLAB|SOAK|HUB|HIE|20261122101500||ORU^R01|S-" + id + "|P|2.5.1\r"
                + "PID|1||MRN-" + id + "^^^" + HL7_AUTHORITY + "^MR||" + name() + "^" + name() + "||"
                + birthDate().replace("-", "") + "|F\r"
                + "OBR|1|O1|F1|24323-8^Panel^LN|||20261122100000\r"
                + "OBX|1|NM|2345-7^Glucose^LN||" + (70 + ThreadLocalRandom.current().nextInt(60))
                + "|mg/dL|70-99||||F|||20261122100000\r"
                + "OBX|2|NM|2823-3^Potassium^LN||4.1|mmol/L|3.5-5.1||||F|||20261122100000\r";
    }

    static String bundle(String id) {
        return """
                {"resourceType":"Bundle","type":"transaction","identifier":{"system":"%s","value":"b-%s"},"entry":[
                 {"fullUrl":"urn:uuid:p-%s","resource":{"resourceType":"Patient","id":"p-%s",
                   "identifier":[{"system":"%s","value":"%s"}],"name":[{"family":"%s","given":["%s"]}],
                   "gender":"male","birthDate":"%s"},"request":{"method":"POST","url":"Patient"}},
                 {"fullUrl":"urn:uuid:o-%s","resource":{"resourceType":"Observation","status":"final",
                   "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
                   "subject":{"reference":"urn:uuid:p-%s"},"effectiveDateTime":"2026-11-22T10:00:00Z",
                   "valueQuantity":{"value":%d,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}},
                  "request":{"method":"POST","url":"Observation"}}]}
                """.formatted(FHIR_SYSTEM, id, id, id, FHIR_SYSTEM, id, name(), name(), birthDate(), id, id,
                55 + ThreadLocalRandom.current().nextInt(40));
    }

    private static String name() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            name.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())))
                    .append(VOWELS.charAt(random.nextInt(VOWELS.length())));
        }
        return name.charAt(0) + name.substring(1).toLowerCase();
    }

    private static String birthDate() {
        return LocalDate.of(1930, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(30_000)).toString();
    }
}
