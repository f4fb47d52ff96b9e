package org.hiehub.hub.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.parser.PipeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HapiRouterErrorsTest {

    final HapiRouterErrors errors = new HapiRouterErrors();
    final ListAppender<ILoggingEvent> hubLog = new ListAppender<>();
    final ListAppender<ILoggingEvent> rootLog = new ListAppender<>();

    @BeforeEach
    void install() {
        hubLog.start();
        rootLog.start();
        ((Logger) LoggerFactory.getLogger(HapiRouterErrors.class)).addAppender(hubLog);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(rootLog);
        errors.install();
    }

    @AfterEach
    void uninstall() {
        errors.uninstall();
        ((Logger) LoggerFactory.getLogger(HapiRouterErrors.class)).detachAppender(hubLog);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(rootLog);
    }

    @Test
    void a_hapi_router_error_is_one_warn_line_with_classes_and_no_values() {
        HL7Exception failure = new HL7Exception("Can't encode ACK for patient Smith^Jane born 19700101",
                encodingFailure());

        LoggerFactory.getLogger(HapiRouterErrors.ROUTER).error("Attempting to send error message to remote system.",
                failure);
        LoggerFactory.getLogger(HapiRouterErrors.ROUTER).debug("ApplicationRouterImpl got message: {}", "PID|Smith");

        assertThat(hubLog.list).hasSize(1);
        String line = hubLog.list.get(0).getFormattedMessage();
        assertThat(line).contains("Attempting to send error message to remote system.")
                .contains("ca.uhn.hl7v2.HL7Exception").contains("<- ca.uhn.hl7v2.")
                .doesNotContain("Smith").doesNotContain("19700101");
        assertThat(rootLog.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("Smith")).contains(line);
        assertThat(rootLog.list).noneMatch(e -> e.getLoggerName().equals(HapiRouterErrors.ROUTER));
    }

    @Test
    void a_frame_hapi_could_not_parse_is_left_to_the_hubs_own_dead_letter_line() {
        Exception unreadable = assertThrows(HL7Exception.class,
                () -> new PipeParser().parse("MSH|^~\\&|A|B|C|D|2026||ZZZ^Q99|1|P|9.9\rPID|1||Smith"));

        LoggerFactory.getLogger(HapiRouterErrors.ROUTER).error("Attempting to send error message to remote system.",
                unreadable);
        LoggerFactory.getLogger(HapiRouterErrors.ROUTER).error("Exception occurred while logging parse failure",
                new HL7Exception("the message header could not be read"));

        assertThat(hubLog.list).isEmpty();
        assertThat(rootLog.list).noneMatch(e -> e.getLoggerName().equals(HapiRouterErrors.ROUTER));
    }

    /** What HAPI threw when the hub's ACK copied a five-character MSH-2: encoding, not parsing, failed. */
    private static Exception encodingFailure() {
        try {
            ACK ack = new ACK();
            ack.initQuickstart("ACK", null, "P");
            ack.getMSH().getEncodingCharacters().setValue("^~\\&#");
            ack.encode();
        } catch (HL7Exception | java.io.IOException e) {
            return e;
        }
        throw new AssertionError("HAPI encoded an ACK with five encoding characters");
    }
}
