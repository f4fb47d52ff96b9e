package org.hiehub.command.identity.matching.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves a given name to its formal form (BILL → WILLIAM, KATE → CATHERINE) from the table in
 * {@code mpi/nicknames.txt}. Registration clerks and patients write the name they use; records of the same
 * person then disagree on a string comparison although they agree on the person.
 */
public final class Nicknames {

    private static final String RESOURCE = "/mpi/nicknames.txt";
    private static final Nicknames STANDARD = load();

    private final Map<String, String> formalByName;

    Nicknames(Map<String, String> formalByName) {
        this.formalByName = Map.copyOf(formalByName);
    }

    public static Nicknames standard() {
        return STANDARD;
    }

    /** The formal name for a normalised given name, or the name itself when the table does not know it. */
    public String canonical(String normalisedGiven) {
        if (normalisedGiven == null) {
            return null;
        }
        return formalByName.getOrDefault(normalisedGiven, normalisedGiven);
    }

    private static Nicknames load() {
        try (InputStream in = Nicknames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath");
            }
            return new Nicknames(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> parse(BufferedReader reader) throws IOException {
        Map<String, String> formalByName = new HashMap<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            int equals = line.indexOf('=');
            if (line.isBlank() || line.startsWith("#") || equals < 0) {
                continue;
            }
            String formal = NameNormaliser.normalise(line.substring(0, equals));
            formalByName.putIfAbsent(formal, formal);
            for (String nickname : line.substring(equals + 1).split(",")) {
                // The first group naming a nickname wins; see the note at the top of the table.
                formalByName.putIfAbsent(NameNormaliser.normalise(nickname), formal);
            }
        }
        return formalByName;
    }
}
