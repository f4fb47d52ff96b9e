package org.hiehub.command.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hiehub.command.ingest.ParsedMessage;
import org.hiehub.command.ingest.RejectedInput;
import org.junit.jupiter.api.Test;

/**
 * Every bundle of the shared Synthea sample through the parser: none may crash or be refused, and each must yield
 * exactly the facts its JSON carries (counted independently of HAPI). Skipped where the shared data is absent.
 */
class FhirSyntheaCorpusTest {

    static final Path CORPUS = Path.of(System.getProperty("hub.synthea.dir",
            "../../shared/data/synthea_fhir_r4_smart/bundles"));

    @Test
    void every_synthea_bundle_yields_as_many_facts_as_it_has_supported_clinical_resources()
            throws IOException, RejectedInput {
        assumeTrue(Files.isDirectory(CORPUS), "shared Synthea sample not present at " + CORPUS.toAbsolutePath());
        List<Path> bundles;
        try (Stream<Path> files = Files.list(CORPUS)) {
            bundles = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(bundles).isNotEmpty();
        long resources = 0;
        long facts = 0;
        for (Path file : bundles) {
            byte[] json = Files.readAllBytes(file);
            ParsedMessage parsed = FhirFixtures.BUNDLES.parse(FhirFixtures.bundle(json, "127.0.0.1"));

            assertThat(FhirFixtures.factCountsByEvent(parsed)).as(file.getFileName().toString())
                    .isEqualTo(FhirFixtures.expectedFactCounts(json));
            assertThat(parsed.patients()).as(file.getFileName().toString()).hasSize(1);
            resources += FhirFixtures.resourceCounts(json).values().stream().mapToInt(Integer::intValue).sum();
            facts += parsed.factCount();
        }
        System.out.printf("Synthea corpus: %d bundles, %d resources, %d facts%n", bundles.size(), resources, facts);
    }
}
