package org.hiehub.hub.operations;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hiehub.command.ingest.CorrelationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries the correlation id between the logging MDC and Axon message metadata: commands and events dispatched
 * while a request or MLLP message is being handled take the MDC's id (a correlation data provider then copies it
 * on to the events a command causes, also when the command is handled in another process), and an event processor handling an event puts the event's id back
 * into the MDC, so projection log lines in any process carry the id of the message that caused them.
 */
final class MessageCorrelation {

    private static final Logger log = LoggerFactory.getLogger(MessageCorrelation.class);

    private MessageCorrelation() {
    }

    static <M extends Message<?>> MessageDispatchInterceptor<M> fromMdc() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, M, M> handle(List<? extends M> messages) {
                return (index, message) -> withMdcId(message);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <M extends Message<?>> M withMdcId(M message) {
        String id = MDC.get(CorrelationId.KEY);
        if (id == null || message.getMetaData().containsKey(CorrelationId.METADATA_KEY)) {
            return message;
        }
        return (M) message.andMetaData(Map.of(CorrelationId.METADATA_KEY, id));
    }

    static MessageDispatchInterceptor<CommandMessage<?>> commands() {
        return fromMdc();
    }

    static MessageDispatchInterceptor<EventMessage<?>> events() {
        return fromMdc();
    }

    /** Around each event an event processor handles: the event's correlation id in the MDC. */
    static MessageHandlerInterceptor<EventMessage<?>> intoMdc(String processor) {
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            EventMessage<?> event = unitOfWork.getMessage();
            Object id = event.getMetaData().get(CorrelationId.METADATA_KEY);
            String previous = MDC.get(CorrelationId.KEY);
            if (id != null) {
                MDC.put(CorrelationId.KEY, id.toString());
            }
            try {
                log.debug("{} handles {}", processor, event.getPayloadType().getSimpleName());
                return chain.proceed();
            } finally {
                if (previous == null) {
                    MDC.remove(CorrelationId.KEY);
                } else {
                    MDC.put(CorrelationId.KEY, previous);
                }
            }
        };
    }
}
