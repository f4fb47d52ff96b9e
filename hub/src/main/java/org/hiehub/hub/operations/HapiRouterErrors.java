package org.hiehub.hub.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * HAPI's MLLP message router logs its failures at ERROR with the exception, whose message may quote the message's
 * values (personal data), so its logger is off ({@code application.yml}). That also hid failures that happen in HAPI
 * after the hub's code has returned — an ACK it cannot encode is then never sent, and the sender only sees a
 * timeout. This keeps that logger's ERROR events, without their arguments or exception messages, and logs each as
 * one WARN line of the hub's own: HAPI's fixed text and the exception classes of the cause chain. A frame HAPI could
 * not parse is left out: the router reports it the same way, but the hub answers it and keeps it as a dead letter
 * with its reason, so it is logged already.
 */
@Component
public class HapiRouterErrors {

    static final String ROUTER = "ca.uhn.hl7v2.protocol.impl.ApplicationRouterImpl";
    /** HAPI's text when its own error answer to an unreadable frame failed; the hub's handler answers instead. */
    private static final String APPENDER = "hapi-router-redacted";
    private static final String PARSE_FAILURE_PATH = "Exception occurred while logging parse failure";
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(HapiRouterErrors.class);
    private final Redacting appender = new Redacting();
    private Logger router;

    @PostConstruct
    void install() {
        if (!(LoggerFactory.getLogger(ROUTER) instanceof Logger logback)) {
            return; // not Logback: the router stays as configured (off)
        }
        if (logback.getAppender(APPENDER) != null) {
            return; // another application context in this JVM installed it (tests); one line per error
        }
        router = logback;
        appender.setContext(logback.getLoggerContext());
        appender.setName(APPENDER);
        appender.start();
        logback.setAdditive(false); // never to the console appenders, which would print values
        logback.addAppender(appender);
        logback.setLevel(Level.ERROR);
    }

    @PreDestroy
    void uninstall() {
        if (router != null) {
            router.setLevel(Level.OFF);
            router.detachAppender(appender);
            appender.stop();
        }
    }

    /** The line logged for a HAPI router error: its fixed text and the exception classes, never values. */
    static String redacted(ILoggingEvent event) {
        StringBuilder line = new StringBuilder("HAPI's MLLP router failed: ").append(event.getMessage());
        IThrowableProxy cause = event.getThrowableProxy();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            line.append(depth == 0 ? " (" : " <- ").append(cause.getClassName());
            if (cause.getStackTraceElementProxyArray().length > 0) {
                line.append(" at ").append(cause.getStackTraceElementProxyArray()[0].getStackTraceElement());
            }
        }
        return event.getThrowableProxy() == null ? line.toString() : line.append(')').toString();
    }

    /** Thrown while HAPI parsed the incoming message (a frame the hub refuses and dead-letters on its own). */
    static boolean incomingParseFailure(IThrowableProxy thrown) {
        if (thrown == null) {
            return false;
        }
        for (StackTraceElementProxy frame : thrown.getStackTraceElementProxyArray()) {
            StackTraceElement at = frame.getStackTraceElement();
            if (at.getClassName().startsWith("ca.uhn.hl7v2.parser.") && at.getMethodName().equals("parse")) {
                return true;
            }
        }
        return false;
    }

    private static final class Redacting extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (!PARSE_FAILURE_PATH.equals(event.getMessage()) && !incomingParseFailure(event.getThrowableProxy())) {
                log.warn(redacted(event));
            }
        }
    }
}
