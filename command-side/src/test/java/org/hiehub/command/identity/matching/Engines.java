package org.hiehub.command.identity.matching;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hiehub.command.identity.matching.compare.PersonComparators;
import org.hiehub.command.identity.matching.engine.MatchEngine;
import org.hiehub.command.identity.matching.engine.MatchPolicy;
import org.hiehub.command.identity.matching.fellegisunter.ModelFile;

/** The engine as the hub configures it by default: shipped model, brief's thresholds. */
public final class Engines {

    private Engines() {
    }

    public static MatchEngine hubDefault() {
        try (Reader in = new InputStreamReader(Engines.class.getResourceAsStream("/mpi/default-model.properties"),
                StandardCharsets.UTF_8)) {
            return new MatchEngine(PersonComparators.standard(), ModelFile.read(in, PersonComparators.standard()),
                    MatchPolicy.DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
