package org.hiehub.projections.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.hiehub.api.consent.ConsentDirectiveRecorded;
import org.hiehub.api.consent.ConsentProvision;
import org.hiehub.api.consent.EmergencyAccessGranted;
import org.hiehub.api.consent.EmergencyReason;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.privacy.PersonErased;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsentProjectionTest {

    static final MasterPatientId PATIENT = new MasterPatientId("mp-1");
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    ConsentProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        db = client.getDatabase("test");
        projection = new ConsentProjection(db);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdown();
    }

    @Test
    void a_break_the_glass_grant_is_filed_once_in_the_patients_consent_file_beside_the_directives() {
        EmergencyAccessGranted granted = grant("ea-1");
        projection.on(granted);
        projection.on(new ConsentDirectiveRecorded(PATIENT, "d-1", ConsentProvision.DENY, List.of(), List.of(),
                List.of(), null, null, "clerk", T0));
        projection.on(granted); // re-delivered

        Document file = file();
        assertThat(file.getList("directives", Document.class)).hasSize(1);
        assertThat(file.getList(ConsentProjection.EMERGENCY_ACCESS_FIELD, Document.class)).containsExactly(
                new Document("accessId", "ea-1").append("clinician", "dr-who")
                        .append("expiresAtMillis", T0.plusSeconds(3600).toEpochMilli()));
    }

    @Test
    void grants_recorded_before_consent_files_held_them_are_filed_at_start_up_and_erasure_removes_them() {
        projection.on(grant("ea-1"));
        db.getCollection(ConsentCollections.DIRECTIVES).deleteMany(new Document()); // as an earlier version left it

        projection.fileEarlierGrants();
        projection.fileEarlierGrants();
        assertThat(file().getList(ConsentProjection.EMERGENCY_ACCESS_FIELD, Document.class)).hasSize(1);

        projection.on(new PersonErased(PATIENT, List.of(), List.of(), "GDPR Art. 17", "req-1", "dpo", T0));
        assertThat(file()).isNull();
    }

    private Document file() {
        return db.getCollection(ConsentCollections.DIRECTIVES).find(new Document("_id", PATIENT.value())).first();
    }

    private static EmergencyAccessGranted grant(String accessId) {
        return new EmergencyAccessGranted(PATIENT, accessId, "dr-who", "HOSP", EmergencyReason.EMERGENCY_TREATMENT,
                "unconscious", T0, T0.plusSeconds(3600));
    }
}
