package org.hiehub.hub.privacy;

import java.time.Clock;
import java.time.Duration;
import org.hiehub.hub.HubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the per-person keys and the cipher that the event serializer uses. */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {

    @Bean
    PersonalDataKeys personalDataKeys(JdbcTemplate jdbc, HubProperties hub) {
        return new PersonalDataKeys(jdbc, MasterKey.load(hub.privacy().masterKey(), hub.dataDir()),
                Duration.ofSeconds(hub.privacy().keyCacheSeconds()), Clock.systemUTC());
    }

    @Bean
    PersonalDataCipher personalDataCipher(PersonalDataKeys keys) {
        return new PersonalDataCipher(keys);
    }
}
