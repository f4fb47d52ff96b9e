package org.hiehub.command.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.command.identity.registration.PatientRegistration;
import org.hiehub.command.ingest.deadletter.DeadLetterStore;
import org.hiehub.command.ingest.quality.QualityScorer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipeline's decisions around a parse, with its stores as doubles. A parser that fails with its own defect (an
 * unchecked exception on input it should have read or refused) must not turn into a server error or a batch retried
 * for ever: the message is kept as a dead letter to reprocess once the parser is fixed. A database failure during a
 * parse is still the database's, and goes back to the sender. A re-send is answered as before even when its score,
 * which falls as a message ages, would now refuse it.
 */
class IngestionServiceTest {

    final DeadLetterStore deadLetters = mock(DeadLetterStore.class);
    final RawMessageStore rawMessages = mock(RawMessageStore.class);
    final QualityScorer quality = mock(QualityScorer.class);
    final InboundMessage message = new InboundMessage(MessageFormat.FHIR_BUNDLE, "http", "127.0.0.1",
            "{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-25T12:00:00Z"));

    @Test
    void an_unchecked_failure_of_a_parser_is_a_dead_letter_naming_its_kind() {
        when(deadLetters.store(eq(message), any(), any(), anyString(), anyString(), any(), anyInt()))
                .thenReturn("dl-1");

        IngestOutcome outcome = service(m -> {
            throw new java.time.format.DateTimeParseException("second 60", "2016-12-31T23:59:60Z", 17);
        }).ingest(message);

        assertThat(outcome.status()).isEqualTo(IngestOutcome.Status.REJECTED);
        assertThat(outcome.deadLetterId()).isEqualTo("dl-1");
        assertThat(outcome.reason()).isEqualTo("the message could not be read (DateTimeParseException); it is kept "
                + "to be processed again").doesNotContain("2016");
        verify(deadLetters).store(eq(message), any(), any(), anyString(), eq(outcome.reason()), any(), eq(102));
    }

    @Test
    void a_database_failure_during_a_parse_is_not_the_message_s_fault() {
        assertThatThrownBy(() -> service(m -> {
            throw new DataAccessResourceFailureException("connection refused");
        }).ingest(message)).isInstanceOf(DataAccessResourceFailureException.class);
    }

    @Test
    void a_re_send_of_a_stored_message_is_answered_as_before_though_its_score_has_aged_below_the_threshold() {
        ParsedMessage parsed = new ParsedMessage("LAB@ACME", "ORU^R01", "C-1", "2.5.1", List.of(), List.of(),
                List.of());
        String hash = IngestionService.contentHash(message.payload());
        String key = IngestionService.messageKey(parsed, hash);
        when(quality.assess(any(), any())).thenReturn(new QualityAssessment(52, QualityScorer.REJECT, Map.of(),
                List.of("the fact is older than 365 days")));
        when(rawMessages.storedAs(key, hash)).thenReturn(Optional.of(new RawMessageStore.StoredMessage(key, hash,
                Instant.parse("2026-11-25T11:59:52Z"), false)));

        IngestOutcome outcome = service(m -> parsed).ingest(message);

        assertThat(outcome.status()).isEqualTo(IngestOutcome.Status.DUPLICATE);
        assertThat(outcome.messageKey()).isEqualTo(key);
        verify(deadLetters, never()).store(any(), any(), any(), any(), any(), any(), anyInt());
    }

    @SuppressWarnings("unchecked")
    private IngestionService service(Parse parse) {
        MessageParser parser = new MessageParser() {
            @Override
            public MessageFormat format() {
                return MessageFormat.FHIR_BUNDLE;
            }

            @Override
            public ParsedMessage parse(InboundMessage inbound) throws RejectedInput {
                return parse.parse(inbound);
            }

            @Override
            public String controlIdLocation() {
                return "Bundle.identifier";
            }
        };
        IngestionProperties limits = new IngestionProperties(4_194_304, 67_108_864L, 2000,
                new IngestionProperties.Pacing(java.time.Duration.ZERO, java.time.Duration.ZERO, List.of()),
                new IngestionProperties.Batches(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofSeconds(5), java.time.Duration.ofDays(30), 1000));
        ObjectProvider<IngestionPacing> pacing = mock(ObjectProvider.class);
        when(pacing.getIfAvailable(any())).thenReturn(IngestionPacing.NONE);
        return new IngestionService(List.of(parser), quality, mock(PatientRegistration.class), rawMessages,
                deadLetters, mock(CommandGateway.class), mock(EventGateway.class),
                new TransactionTemplate(mock(PlatformTransactionManager.class)), limits, mock(IngestionMetrics.class),
                pacing, mock(SenderPatientIds.class));
    }

    interface Parse {
        ParsedMessage parse(InboundMessage message) throws RejectedInput;
    }
}
