package org.hiehub.command.identity.matching;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.hiehub.command.identity.matching.compare.PersonComparators;
import org.hiehub.command.identity.matching.engine.MatchEngine;
import org.hiehub.command.identity.matching.fellegisunter.ModelFile;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The matching engine of the running hub: the standard comparisons with the configured model and policy. */
@Configuration
@EnableConfigurationProperties(MpiProperties.class)
class MatchingConfiguration {

    @Bean
    MatchEngine matchEngine(MpiProperties properties, ResourceLoader resources) throws IOException {
        try (Reader in = new InputStreamReader(resources.getResource(properties.model()).getInputStream(),
                StandardCharsets.UTF_8)) {
            return new MatchEngine(PersonComparators.standard(), ModelFile.read(in, PersonComparators.standard()),
                    properties.policy());
        }
    }
}
