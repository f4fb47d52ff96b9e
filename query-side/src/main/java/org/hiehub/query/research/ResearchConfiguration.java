package org.hiehub.query.research;

import org.hiehub.projections.versions.ReadModels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ResearchConfiguration {

    @Bean
    ResearchExport researchExport(ReadModels readModels) {
        return new ResearchExport(readModels);
    }
}
