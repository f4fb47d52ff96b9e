package org.hiehub.projections.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hiehub.projections.support.ErasureFixtures.inBatch;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.PatientCreated;
import org.hiehub.api.identity.PersonName;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A summary is built from the source records as its batch wrote them; only members outside the batch are read. */
class SummaryReadsTest {

    static final Instant AT = Instant.parse("2026-02-01T12:00:00Z");
    static final MasterPatientId PATIENT = MasterPatientId.of("mp-reads-1");
    static final SourceRecordId HOSPITAL = SourceRecordId.of("sr-reads-hospital");
    static final SourceRecordId LAB = SourceRecordId.of("sr-reads-lab");
    final AtomicInteger sourceRecordReads = new AtomicInteger();
    final SummaryStore store = new SummaryStore(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if ("find".equals(event.getCommandName())
                    && SummaryCollections.SOURCE_RECORDS.equals(event.getCommand().getString("find").getValue())) {
                sourceRecordReads.incrementAndGet();
            }
        }
    });
    final PatientSummaryProjection projection = store.projection();

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void a_new_patients_summary_is_built_without_reading_back_the_record_its_batch_wrote() {
        newPatientInOneBatch();

        assertThat(sourceRecordReads).as("only the batch's own load of its records").hasValue(1);
        Document summary = summary();
        assertThat(records(summary)).containsExactly(HOSPITAL.value());
        assertThat(summary.get("search", Document.class).getList("names", String.class)).contains("ann", "harper");
    }

    @Test
    void a_record_joining_a_patient_is_summarised_with_the_members_read_from_the_store() {
        newPatientInOneBatch();
        sourceRecordReads.set(0);

        inBatch(() -> {
            projection.on(new SourceRecordRegistered(LAB, "ACME_LAB", "L-7", person("Annie")), 0, AT);
            projection.on(new IdentifierLinked(LAB, PATIENT, 97, LinkMethod.PROBABILISTIC), 1, AT);
        });

        assertThat(sourceRecordReads).as("the batch's load, then the member it did not write").hasValue(2);
        Document summary = summary();
        assertThat(records(summary)).containsExactly(HOSPITAL.value(), LAB.value());
        assertThat(summary.get("search", Document.class).getList("names", String.class))
                .contains("ann", "annie", "harper");
    }

    /**
     * Registration decides the link before it registers, so a founded patient's PatientCreated comes first in the log;
     * logs written before that have the record's registration first. Either order, in one batch or split across
     * batches as a processor may split them, gives the same summary.
     */
    @Test
    void a_founded_patients_summary_does_not_depend_on_whether_its_creation_or_its_records_registration_came_first() {
        Document foundedFirstInOneBatch = summaryAfter(List.of(List.of(CREATED, REGISTERED, LINKED)));
        assertThat(records(foundedFirstInOneBatch)).containsExactly(HOSPITAL.value());
        for (List<List<Object>> batches : List.of(List.of(List.of(CREATED), List.of(REGISTERED, LINKED)),
                List.of(List.of(REGISTERED), List.of(CREATED), List.of(LINKED)),
                List.of(List.of(REGISTERED, CREATED, LINKED)))) {
            assertThat(summaryAfter(batches)).as(batches.toString()).isEqualTo(foundedFirstInOneBatch);
        }
    }

    private static final Object CREATED = new PatientCreated(PATIENT, HOSPITAL);
    private static final Object REGISTERED = new SourceRecordRegistered(HOSPITAL, "ACME_HOSPITAL", "MRN-1",
            person("Ann"));
    private static final Object LINKED = new IdentifierLinked(HOSPITAL, PATIENT, 100, LinkMethod.NEW_PATIENT);

    /** The summary a fresh store holds after the batches, the record's events numbered in their stream's order. */
    private static Document summaryAfter(List<List<Object>> batches) {
        try (SummaryStore fresh = new SummaryStore()) {
            PatientSummaryProjection on = fresh.projection();
            for (List<Object> batch : batches) {
                inBatch(() -> batch.forEach(event -> {
                    if (event instanceof PatientCreated created) {
                        on.on(created, AT);
                    } else if (event instanceof SourceRecordRegistered registered) {
                        on.on(registered, 0, AT);
                    } else {
                        on.on((IdentifierLinked) event, 1, AT);
                    }
                }));
            }
            return fresh.db().getCollection(SummaryCollections.SUMMARIES).find(new Document("_id", PATIENT.value()))
                    .first();
        }
    }

    /** The hospital's record registers, founds the patient and links to it, all in one processor batch. */
    private void newPatientInOneBatch() {
        inBatch(() -> {
            projection.on(new PatientCreated(PATIENT, HOSPITAL), AT);
            projection.on(new SourceRecordRegistered(HOSPITAL, "ACME_HOSPITAL", "MRN-1", person("Ann")), 0, AT);
            projection.on(new IdentifierLinked(HOSPITAL, PATIENT, 100, LinkMethod.NEW_PATIENT), 1, AT);
        });
    }

    private Document summary() {
        return store.db().getCollection(SummaryCollections.SUMMARIES).find(new Document("_id", PATIENT.value())).first();
    }

    private static List<String> records(Document summary) {
        return summary.getList("sourceRecords", Document.class).stream().map(r -> r.getString("sourceRecordId"))
                .toList();
    }

    private static Demographics person(String given) {
        return new Demographics(List.of(new PersonName("official", "Harper", List.of(given), null, null)),
                LocalDate.of(1970, 1, 1), "female", List.of(), List.of(), List.of(), null, null);
    }
}
