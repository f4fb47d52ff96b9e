package org.hiehub.hub.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Malformed variants of the repository's own HL7 v2 and FHIR fixtures, drawn from a seeded {@link Random} so that a
 * failure names a case that can be replayed. Each mutation imitates a way real feeds go wrong: cut-off
 * transmissions, corrupted bytes, a sender's own separators, runaway repetition, the wrong character set,
 * pathological JSON.
 */
final class HostilePayloads {

    static final Path FIXTURES = Path.of("..", "command-side", "src", "test", "resources");
    private static final String SEPARATORS = "|^~\\&\r\n\u000b\u001c\t,;";
    private final Random random;
    private final List<byte[]> hl7Seeds;
    private final List<byte[]> fhirSeeds;

    HostilePayloads(long seed) {
        this.random = new Random(seed);
        this.hl7Seeds = read(FIXTURES.resolve("hl7v2"), ".hl7", 64 * 1024);
        this.fhirSeeds = read(FIXTURES.resolve("fhir"), ".json", 40 * 1024);
    }

    boolean hasSeeds() {
        return !hl7Seeds.isEmpty() && !fhirSeeds.isEmpty();
    }

    /** A mutated HL7 v2 message and the name of the mutation. */
    Case hl7() {
        byte[] seed = hl7Seeds.get(random.nextInt(hl7Seeds.size()));
        return switch (random.nextInt(8)) {
            case 0 -> new Case("hl7 truncated", truncate(seed));
            case 1 -> new Case("hl7 byte flips", flip(seed));
            case 2 -> new Case("hl7 separator chaos", separatorChaos(seed));
            case 3 -> new Case("hl7 segment repeated", repeatSegment(seed));
            case 4 -> new Case("hl7 utf-16", new String(seed, StandardCharsets.ISO_8859_1)
                    .getBytes(StandardCharsets.UTF_16));
            case 5 -> new Case("hl7 invalid utf-8", splice(seed, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF,
                    (byte) 0xFE, 0, (byte) 0xED, (byte) 0xA0, (byte) 0x80}));
            case 6 -> new Case("hl7 field blown up", splice(seed, repeat("^~&", 1000 + random.nextInt(5_000))));
            default -> new Case("hl7 garbage", garbage());
        };
    }

    /** A mutated FHIR bundle (JSON) and the name of the mutation. */
    Case fhir() {
        byte[] seed = fhirSeeds.get(random.nextInt(fhirSeeds.size()));
        return switch (random.nextInt(8)) {
            case 0 -> new Case("fhir truncated", truncate(seed));
            case 1 -> new Case("fhir byte flips", flip(seed));
            case 2 -> new Case("fhir deeply nested", nested(seed));
            case 3 -> new Case("fhir wrong types", wrongTypes(seed));
            case 4 -> new Case("fhir utf-16", new String(seed, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16));
            case 5 -> new Case("fhir huge string", splice(seed, ("\"" + "A".repeat(50_000 + random.nextInt(200_000))
                    + "\"").getBytes(StandardCharsets.UTF_8)));
            case 6 -> new Case("fhir structural chaos", structuralChaos(seed));
            default -> new Case("fhir garbage", garbage());
        };
    }

    private byte[] truncate(byte[] seed) {
        return Arrays.copyOf(seed, random.nextInt(Math.max(1, seed.length)));
    }

    private byte[] flip(byte[] seed) {
        byte[] copy = seed.clone();
        int flips = 1 + random.nextInt(Math.min(40, copy.length));
        for (int i = 0; i < flips; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private byte[] separatorChaos(byte[] seed) {
        byte[] copy = seed.clone();
        for (int i = 0; i < copy.length; i++) {
            if (SEPARATORS.indexOf(copy[i]) >= 0 && random.nextInt(4) == 0) {
                copy[i] = (byte) SEPARATORS.charAt(random.nextInt(SEPARATORS.length()));
            }
        }
        return copy;
    }

    private byte[] repeatSegment(byte[] seed) {
        String text = new String(seed, StandardCharsets.ISO_8859_1);
        String[] segments = text.split("\r\n|\r|\n");
        String segment = segments[random.nextInt(segments.length)];
        int times = random.nextInt(10) == 0 ? 60_000 + random.nextInt(40_000) : 50 + random.nextInt(500);
        return (text + ("\r" + segment).repeat(times)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] nested(byte[] seed) {
        int depth = 2_000 + random.nextInt(100_000);
        String nest = "[".repeat(depth) + "]".repeat(depth);
        String text = new String(seed, StandardCharsets.UTF_8);
        int at = text.indexOf("\"resourceType\"");
        return at < 0 ? nest.getBytes(StandardCharsets.UTF_8)
                : (text.substring(0, at) + "\"deep\":" + nest + "," + text.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] wrongTypes(byte[] seed) {
        String text = new String(seed, StandardCharsets.UTF_8);
        String[][] swaps = {{"\"birthDate\": *\"[^\"]*\"", "\"birthDate\":12345"}, {"\"value\": *[0-9.]+", "\"value\":\"NaN\""},
                {"\"resourceType\": *\"Patient\"", "\"resourceType\":\"Patient\",\"resourceType\":\"Observation\""},
                {"\"reference\": *\"[^\"]*\"", "\"reference\":{\"reference\":[]}"}, {"\"entry\"", "\"entry\":null,\"x\""},
                {"\"valueQuantity\"", "\"valueQuantity\":1e999999,\"y\""}, {"\"system\": *\"[^\"]*\"", "\"system\":\"\""}};
        String[] swap = swaps[random.nextInt(swaps.length)];
        return text.replaceAll(swap[0], swap[1]).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] structuralChaos(byte[] seed) {
        byte[] copy = seed.clone();
        String structure = "{}[]:,\"";
        int changes = 1 + random.nextInt(10);
        for (int i = 0; i < changes; i++) {
            int at = random.nextInt(copy.length);
            copy[at] = (byte) structure.charAt(random.nextInt(structure.length()));
        }
        return copy;
    }

    private byte[] splice(byte[] seed, byte[] insert) {
        int at = random.nextInt(Math.max(1, seed.length));
        byte[] result = new byte[seed.length + insert.length];
        System.arraycopy(seed, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(seed, at, result, at + insert.length, seed.length - at);
        return result;
    }

    private byte[] garbage() {
        byte[] bytes = new byte[random.nextInt(4096)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] repeat(String text, int times) {
        return text.repeat(times).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> read(Path dir, String suffix, int maxBytes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<byte[]> seeds = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length > 0 && bytes.length <= maxBytes) {
                    seeds.add(bytes);
                }
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Case(String mutation, byte[] payload) {
    }
}
