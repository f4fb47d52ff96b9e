package org.hiehub.projections.terminology;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tables from {@code hub.terminology.dir} when set (and holding a {@code current} file), else the classpath. */
@Configuration(proxyBeanMethods = false)
public class TerminologyConfiguration {

    @Bean
    Terminology terminology(@Value("${hub.terminology.dir:}") String directory) {
        return new Terminology(TerminologySource.directory(directory));
    }
}
