package org.hiehub.command.identity.index;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** The identity index must be consistent with the command's own writes: subscribing, and failures roll back. */
@Configuration
public class IdentityIndexConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(IdentityIndexUpdater.GROUP);
        processing.registerListenerInvocationErrorHandler(IdentityIndexUpdater.GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
