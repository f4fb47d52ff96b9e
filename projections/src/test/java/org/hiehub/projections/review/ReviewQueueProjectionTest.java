package org.hiehub.projections.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hiehub.projections.support.ErasureFixtures.documentsNaming;
import static org.hiehub.projections.support.ErasureFixtures.erased;
import static org.hiehub.projections.support.ErasureFixtures.inBatch;
import static org.hiehub.projections.support.ErasureFixtures.onAnotherSegment;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.FieldComparison;
import org.hiehub.api.identity.LinkRejected;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.MatchEvaluated;
import org.hiehub.api.identity.PersonName;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The projection as a plain object: call its handlers, then look at what it wrote. */
class ReviewQueueProjectionTest {

    static final SourceRecordId RECORD = SourceRecordId.of("sr-1");
    static final SourceRecordId CANDIDATE = SourceRecordId.of("sr-2");
    static final MasterPatientId PATIENT = MasterPatientId.of("mp-1");
    static final Instant AT = Instant.parse("2026-01-01T10:00:00Z");
    static final List<FieldComparison> COMPARISONS = List.of(new FieldComparison("family", 3, "exact", 7.5),
            new FieldComparison("dob", 0, "different", -6.0), new FieldComparison("phone", -1, "missing", 0));

    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    ReviewQueueProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        db = client.getDatabase("test");
        projection = new ReviewQueueProjection(db);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void a_decision_in_the_review_tier_opens_an_item_with_its_comparison() {
        projection.on(new SourceRecordRegistered(RECORD, "LAB", "L1", new Demographics(
                List.of(PersonName.of("Smith", "Jo")), null, null, null, null, null, null, null)), 0);
        projection.on(new MatchEvaluated(RECORD, PATIENT, CANDIDATE, 86, "REVIEW", "LINKED_FOR_REVIEW", COMPARISONS),
                AT);

        Document item = items().get(0);
        assertThat(item.getString("status")).isEqualTo("OPEN");
        assertThat(item.getString("kind")).isEqualTo("CONFIRM_LINK");
        assertThat(item.getInteger("confidence")).isEqualTo(86);
        assertThat(item.getList("comparisons", Document.class)).hasSize(3);
        assertThat(db.getCollection(ReviewCollections.RECORDS).find().first().getString("localId")).isEqualTo("L1");
    }

    @Test
    void decisions_that_need_no_steward_open_no_item() {
        projection.on(new MatchEvaluated(RECORD, PATIENT, CANDIDATE, 99, "AUTO_LINK", "LINKED", COMPARISONS), AT);
        projection.on(new MatchEvaluated(RECORD, null, null, 0, "NO_MATCH", "NEW_PATIENT", List.of()), AT);
        assertThat(items()).isEmpty();
    }

    @Test
    void a_steward_rejection_closes_the_item_and_a_replayed_decision_does_not_reopen_it() {
        MatchEvaluated suggested = new MatchEvaluated(RECORD, PATIENT, CANDIDATE, 70, "SUGGEST", "SUGGESTED",
                COMPARISONS);
        projection.on(suggested, AT);
        projection.on(new LinkRejected(RECORD, PATIENT, "steward-1", "twins"), AT.plusSeconds(60));
        projection.on(suggested, AT);

        Document item = items().get(0);
        assertThat(item.getString("kind")).isEqualTo("SUGGESTED_LINK");
        assertThat(item.getString("status")).isEqualTo("REJECTED");
        assertThat(item.getString("decidedBy")).isEqualTo("steward-1");
    }

    /** A replay meets the decision and the steward's answer in one batch: the item's writes keep their order. */
    @Test
    void a_decision_and_the_stewards_answer_in_one_batch_leave_the_item_closed() {
        MatchEvaluated suggested = new MatchEvaluated(RECORD, PATIENT, CANDIDATE, 70, "SUGGEST", "SUGGESTED",
                COMPARISONS);

        inBatch(() -> {
            projection.on(suggested, AT);
            projection.on(new LinkRejected(RECORD, PATIENT, "steward-1", "twins"), AT.plusSeconds(60));
        });

        assertThat(items()).extracting(i -> i.getString("status")).containsExactly("REJECTED");
    }

    private List<Document> items() {
        return db.getCollection(ReviewCollections.ITEMS).find().into(new java.util.ArrayList<>());
    }

    /** The candidate (the erased person's master patient) is in one segment, the record to review in another. */
    @Test
    void a_match_a_segment_reaches_after_another_segment_erased_the_candidate_opens_no_item() {
        onAnotherSegment(() -> projection.on(erased(PATIENT, CANDIDATE)));

        inBatch(() -> {
            projection.on(new SourceRecordRegistered(CANDIDATE, "LAB", "L2", null), 0);
            projection.on(new MatchEvaluated(RECORD, PATIENT, CANDIDATE, 86, "REVIEW", "LINKED_FOR_REVIEW",
                    COMPARISONS), AT);
        });

        assertThat(documentsNaming(db, CANDIDATE.value(), PATIENT.value())).isEmpty();
    }
}
