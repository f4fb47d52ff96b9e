package org.hiehub.replay.bluegreen;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MultiHandlerDefinition;
import org.axonframework.messaging.annotation.MultiHandlerEnhancerDefinition;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.tracing.TracingHandlerEnhancerDefinition;

/**
 * The application's handler definition without the two per-event wrappers that only watch a handler: Axon's
 * handler timeout (per event it records the thread's stack trace, formats a task name and schedules a warning,
 * about a tenth of a rebuild's handling time) and the tracing span. What a handler does, its parameters, its
 * interceptors ({@code @MessageHandlerInterceptor}) and replay awareness ({@code @DisallowReplay}) stay as they
 * are. A rebuild is a batch job: a hanging handler shows as a rebuild that stops advancing, and pausing it
 * interrupts the worker.
 */
final class ReplayHandlerDefinition {

    private ReplayHandlerDefinition() {
    }

    static HandlerDefinition of(HandlerDefinition definition) {
        if (!(definition instanceof MultiHandlerDefinition multi)) {
            return definition;
        }
        List<HandlerEnhancerDefinition> kept = flatten(multi.getHandlerEnhancerDefinition())
                .filter(e -> !(e instanceof HandlerTimeoutHandlerEnhancerDefinition)
                        && !(e instanceof TracingHandlerEnhancerDefinition))
                .toList();
        return new MultiHandlerDefinition(multi.getDelegates(), new MultiHandlerEnhancerDefinition(kept));
    }

    private static Stream<HandlerEnhancerDefinition> flatten(HandlerEnhancerDefinition enhancer) {
        return enhancer instanceof MultiHandlerEnhancerDefinition multi
                ? multi.getDelegates().stream().flatMap(ReplayHandlerDefinition::flatten)
                : Stream.of(enhancer);
    }
}
