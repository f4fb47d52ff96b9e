package org.hiehub.hub.storage;

import org.hiehub.hub.HubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The data directory's lock, taken only by the embedded stores that keep files there (see {@link DataDirectoryLock}). */
@Configuration(proxyBeanMethods = false)
public class DataDirectoryConfiguration {

    @Bean(destroyMethod = "close")
    DataDirectoryLock dataDirectoryLock(HubProperties hub) {
        return new DataDirectoryLock(hub.dataDir());
    }
}
