package org.hiehub.hub.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * {@code hub_events_appended_total} by event type: counted when the unit of work that publishes them commits (an
 * event staged in a rolled-back unit of work was never appended). Types are the event classes — a closed set.
 */
class EventsAppended implements MessageDispatchInterceptor<EventMessage<?>> {

    private final MeterRegistry registry;

    EventsAppended(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
            Counter counter = Counter.builder("hub.events.appended").description("events appended to the event log")
                    .tag("type", message.getPayloadType().getSimpleName()).register(registry);
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> counter.increment());
            } else {
                counter.increment();
            }
            return message;
        };
    }
}
