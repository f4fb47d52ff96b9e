package org.hiehub.hub.deadevents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Parked (dead-lettered) events of the projections in this process: what is parked, with which error, and a retry
 * once the cause is fixed. Shows identifiers, types and times only — never the event's payload.
 */
@RestController
@RequestMapping("/api/admin/dead-events")
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('projections')")
public class DeadEventsController {

    private final EventProcessingConfiguration processing;

    public DeadEventsController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @GetMapping
    public Map<String, List<Map<String, Object>>> parked() {
        Map<String, List<Map<String, Object>>> byProcessor = new LinkedHashMap<>();
        processing.eventProcessors().keySet().stream().sorted().forEach(name -> processing.deadLetterQueue(name)
                .ifPresent(queue -> byProcessor.put(name, describe(queue))));
        return byProcessor;
    }

    /** Retries every parked sequence once; a sequence that fails again stays parked with its new error. */
    @PostMapping("/{processor}/retry")
    public Map<String, Object> retry(@PathVariable String processor) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(processor)
                .orElseThrow(() -> new UnknownProcessor(processor));
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> new UnknownProcessor(processor));
        long sequences = queue.amountOfSequences();
        int succeeded = 0;
        for (long i = 0; i < sequences; i++) {
            if (letters.processAny()) {
                succeeded++;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("processor", processor);
        result.put("sequencesRetried", sequences);
        result.put("sequencesHandled", succeeded);
        result.put("sequencesStillParked", queue.amountOfSequences());
        return result;
    }

    private static List<Map<String, Object>> describe(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        List<Map<String, Object>> letters = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                letters.add(describe(letter));
            }
        }
        return letters;
    }

    private static Map<String, Object> describe(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("eventIdentifier", event.getIdentifier());
        view.put("eventType", event.getPayloadType().getSimpleName());
        view.put("eventTimestamp", event.getTimestamp().toString());
        if (event instanceof DomainEventMessage<?> domain) {
            view.put("aggregateIdentifier", domain.getAggregateIdentifier());
            view.put("sequenceNumber", domain.getSequenceNumber());
        }
        view.put("enqueuedAt", letter.enqueuedAt().toString());
        view.put("lastTouched", letter.lastTouched().toString());
        letter.cause().ifPresent(cause -> view.put("error", error(cause)));
        return view;
    }

    private static Map<String, String> error(Cause cause) {
        return Map.of("type", cause.type(), "message", cause.message() == null ? "" : cause.message());
    }

    @ExceptionHandler(UnknownProcessor.class)
    ProblemDetail unknown(UnknownProcessor e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown processor");
        return problem;
    }

    static final class UnknownProcessor extends RuntimeException {
        UnknownProcessor(String processor) {
            super("no processor with a dead-letter queue named " + processor + " runs in this process");
        }
    }
}
