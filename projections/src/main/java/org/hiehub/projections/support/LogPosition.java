package org.hiehub.projections.support;

import org.axonframework.eventhandling.TrackingToken;

/** Where in the event log a handled event stands, from the token its processor hands the handler. */
public final class LogPosition {

    private LogPosition() {
    }

    /** The global event-log position; -1 when unknown (a plain-object call without a token). */
    public static long of(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
