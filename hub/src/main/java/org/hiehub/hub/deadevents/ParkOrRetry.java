package org.hiehub.hub.deadevents;

import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Which failures park an event and which stop the processor. A read store that cannot be reached, a primary
 * stepping down or a timeout says nothing about the event: parking it would leave a hole in the view for every
 * event during an outage. Those are rethrown, so the processor releases the segment and retries it with Axon's
 * back-off (1, 2, 4 … 60 s) from the last committed token, and catches up once the store is back. Anything else
 * is the event's own problem (a bug, data the projection does not expect): parked with its error.
 * <p>
 * The parked cause keeps the exception type and, for MongoDB errors, only the error code: a server message can quote
 * the document or key that failed, i.e. personal data.
 */
class ParkOrRetry implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (isTransient(cause)) {
            throw cause instanceof RuntimeException runtime ? runtime : new ReadStoreUnavailable(cause);
        }
        return Decisions.enqueue(new ThrowableCause(cause.getClass().getName(), describe(cause)));
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MongoSocketException || t instanceof MongoTimeoutException
                    || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                    || t instanceof MongoInterruptedException) {
                return true;
            }
            if (t instanceof MongoException mongo && mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof MongoException mongo) {
            return "MongoDB error code " + mongo.getCode();
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        return message.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE
                ? message.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE) : message;
    }

    /** A transient failure surfaced as a checked exception. */
    static final class ReadStoreUnavailable extends RuntimeException {
        ReadStoreUnavailable(Throwable cause) {
            super("read store unavailable", cause);
        }
    }
}
