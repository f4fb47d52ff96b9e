package org.hiehub.hub.operations;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Registers the operations interceptors on Axon's buses and on every event processor. */
@Configuration(proxyBeanMethods = false)
public class MessageInterceptors {

    /** Every event processor, whichever module declares it: correlation id into the MDC. */
    @Autowired
    void interceptProcessors(EventProcessingConfigurer processing) {
        processing.registerDefaultHandlerInterceptor((configuration, name) -> MessageCorrelation.intoMdc(name));
    }

    @Autowired
    void interceptDispatch(CommandBus commandBus, EventStore eventStore, MeterRegistry registry) {
        commandBus.registerDispatchInterceptor(MessageCorrelation.commands());
        eventStore.registerDispatchInterceptor(MessageCorrelation.events());
        eventStore.registerDispatchInterceptor(new EventsAppended(registry));
    }
}
