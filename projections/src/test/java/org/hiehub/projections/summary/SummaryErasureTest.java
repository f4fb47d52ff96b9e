package org.hiehub.projections.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hiehub.projections.support.ErasureFixtures.documentsNaming;
import static org.hiehub.projections.support.ErasureFixtures.inBatch;
import static org.hiehub.projections.support.ErasureFixtures.onAnotherSegment;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.IdentifierLinked;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.PatientCreated;
import org.hiehub.api.identity.PersonName;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.hiehub.api.privacy.PersonErased;
import org.hiehub.projections.support.ErasureFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The patient summary under a rebuild with two segments: the master patient's stream (PatientCreated,
 * PersonErased) and the source record's (registration, link) are in different segments, in no set order.
 */
class SummaryErasureTest {

    static final Instant AT = Instant.parse("2026-02-01T12:00:00Z");
    static final SourceRecordId RECORD = SourceRecordId.of("sr-erased-1");
    static final MasterPatientId PATIENT = MasterPatientId.of("mp-erased-1");
    final SummaryStore store = new SummaryStore();
    final MongoDatabase db = store.db();
    final PatientSummaryProjection projection = store.projection();

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void a_record_a_segment_reaches_after_another_segment_erased_its_person_brings_no_summary_back() {
        inBatch(() -> {
            projection.on(new PatientCreated(PATIENT, RECORD), AT);
            projection.on(erased());
        });
        // the record's segment, behind: the personal fields read as null now that the key is destroyed
        inBatch(() -> {
            projection.on(new SourceRecordRegistered(RECORD, "ACME_LAB", null, null), 0, AT);
            projection.on(new IdentifierLinked(RECORD, PATIENT, 100, LinkMethod.NEW_PATIENT), 1, AT);
        });

        assertThat(documentsNaming(db, PATIENT.value(), RECORD.value())).isEmpty();
    }

    @Test
    void a_person_erased_while_their_records_batch_is_being_handled_is_not_written_back() {
        PatientSummaryProjection otherSegment = store.projection();
        inBatch(() -> projection.on(new PatientCreated(PATIENT, RECORD), AT));

        inBatch(() -> {
            projection.on(new SourceRecordRegistered(RECORD, "ACME_LAB", "MRN-1", new Demographics(
                    List.of(new PersonName("official", "Erasedfamily", List.of("Ann"), null, null)),
                    LocalDate.of(1970, 1, 1), "female", List.of(), List.of(), List.of(), null, null)), 0, AT);
            projection.on(new IdentifierLinked(RECORD, PATIENT, 100, LinkMethod.NEW_PATIENT), 1, AT);
            onAnotherSegment(() -> otherSegment.on(erased()));
        });

        assertThat(documentsNaming(db, PATIENT.value(), RECORD.value(), "Erasedfamily")).isEmpty();
    }

    @Test
    void a_bystander_is_summarised_as_before() {
        SourceRecordId other = SourceRecordId.of("sr-kept-1");
        MasterPatientId kept = MasterPatientId.of("mp-kept-1");
        inBatch(() -> {
            projection.on(erased());
            projection.on(new PatientCreated(kept, other), AT);
            projection.on(new SourceRecordRegistered(other, "ACME_LAB", null, null), 0, AT);
            projection.on(new IdentifierLinked(other, kept, 100, LinkMethod.NEW_PATIENT), 1, AT);
        });

        assertThat(db.getCollection(SummaryCollections.SUMMARIES).find().into(new ArrayList<>()))
                .extracting(d -> d.getString("_id")).containsExactly(kept.value());
    }

    private static PersonErased erased() {
        return ErasureFixtures.erased(PATIENT, RECORD);
    }

}
