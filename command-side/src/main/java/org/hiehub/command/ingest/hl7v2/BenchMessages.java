package org.hiehub.command.ingest.hl7v2;

/**
 * Generated ADT^A01 and ORU^R01 messages for the benchmark: synthetic people, distinct per index and run. The family
 * name carries a second part spelled from the run, so the people of one run (or its warm-up) do not match those of
 * another on the same hub: without it the measured phase's first people had the warm-up's demographics and were
 * linked to them instead of founding patients.
 */
final class BenchMessages {

    private static final String[] FAMILY = {"Smith", "Jones", "Garcia", "Nguyen", "Okafor", "Müller", "Kowalski",
        "Rossi", "Tanaka", "Silva"};
    private static final String[] GIVEN = {"Ann", "Ben", "Chloe", "Dev", "Eva", "Farid", "Grace", "Hugo", "Ines",
        "Jon"};

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "re", "su", "ta", "ve", "no", "bi", "da", "fe", "go",
        "hu", "ji", "pa", "ro"};

    private BenchMessages() {
    }

    /** A double-barrelled family name: one of ten, then four syllables from the run (65,536 variants). */
    static String family(String run, int i) {
        int hash = run.hashCode();
        StringBuilder second = new StringBuilder();
        for (int nibble = 0; nibble < 4; nibble++) {
            second.append(SYLLABLES[(hash >>> (4 * nibble)) & 0xF]);
        }
        return FAMILY[i % 10] + "-" + Character.toUpperCase(second.charAt(0)) + second.substring(1);
    }

    static String adt(String run, int i) {
        String now = "20261122" + String.format("%02d%02d%02d", (i / 3600) % 24, (i / 60) % 60, i % 60);
        return "MSH|^~\\&|BENCH-ADT|BENCH|HIEHUB|HIE|" + now + "||ADT^A01^ADT_A01|A" + run + "-" + i + "|P|2.5.1\r"
                + "EVN|A01|" + now + "\r"
                + "PID|1||" + mrn(run, i) + "^^^BENCH^MR||" + family(run, i) + "^" + GIVEN[(i / 10) % 10] + "^"
                + (char) ('A' + i % 26) + "||" + birthDate(i) + "|" + (i % 2 == 0 ? "F" : "M") + "|||"
                + (i % 900 + 1) + " Bench Street^^Springfield^IL^62" + String.format("%03d", i % 1000)
                + "^USA^H||^PRN^PH^^1^217^555" + String.format("%04d", i % 10000) + "\r"
                + "PV1|1|I|W" + (i % 9) + "^" + (i % 40) + "^1^BENCH||||||||||||||||V" + run + "-" + i
                + "|||||||||||||||||||||||||" + now + "\r";
    }

    static String oru(String run, int i) {
        String now = "20261122" + String.format("%02d%02d%02d", (i / 3600) % 24, (i / 60) % 60, i % 60);
        return "MSH|^~\\&|BENCH-LAB|BENCH|HIEHUB|HIE|" + now + "||ORU^R01^ORU_R01|R" + run + "-" + i + "|P|2.5.1\r"
                + "PID|1||" + mrn(run, i) + "^^^BENCH^MR||" + family(run, i) + "^" + GIVEN[(i / 10) % 10] + "||"
                + birthDate(i) + "|" + (i % 2 == 0 ? "F" : "M") + "\r"
                + "OBR|1|P" + run + "-" + i + "|F" + run + "-" + i + "|24323-8^Metabolic panel^LN|||" + now + "\r"
                + "OBX|1|NM|2345-7^Glucose^LN||" + (70 + i % 60) + "|mg/dL^mg/dL^UCUM|70-99||||F|||" + now + "\r"
                + "OBX|2|NM|2160-0^Creatinine^LN||0." + (6 + i % 4) + "|mg/dL^mg/dL^UCUM|0.6-1.3||||F|||" + now + "\r"
                + "OBX|3|NM|2951-2^Sodium^LN||" + (135 + i % 8) + "|mmol/L^mmol/L^UCUM|135-145||||F|||" + now + "\r"
                + "OBX|4|NM|2823-3^Potassium^LN||4." + (i % 9) + "|mmol/L^mmol/L^UCUM|3.5-5.1||||F|||" + now + "\r"
                + "OBX|5|NM|GLU-L^Glucose local^L||" + (70 + i % 60) + "|mg/dL|||||F|||" + now + "\r";
    }

    private static String mrn(String run, int i) {
        return "B" + run + "-" + i;
    }

    private static String birthDate(int i) {
        return String.format("%04d%02d%02d", 1940 + i % 60, 1 + i % 12, 1 + i % 28);
    }
}
