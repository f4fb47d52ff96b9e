package org.hiehub.projections.support;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.api.privacy.PersonErased;

/**
 * Two segments of one processor, played by hand: a batch is a unit of work on this thread; another segment's
 * worker is another thread, outside that batch, whose erasure is done at once.
 */
public final class ErasureFixtures {

    private ErasureFixtures() {
    }

    public static PersonErased erased(MasterPatientId patient, SourceRecordId... records) {
        return new PersonErased(patient, List.of(), Arrays.asList(records), "GDPR-17-1-a", "C-1", "test",
                Instant.parse("2026-06-01T00:00:00Z"));
    }

    public static void inBatch(Runnable handling) {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        handling.run();
        batch.commit();
    }

    public static void onAnotherSegment(Runnable handling) {
        CompletableFuture.runAsync(handling).join();
    }

    /** "collection: needle" for every document of the store that names one of the needles. */
    public static List<String> documentsNaming(MongoDatabase db, String... needles) {
        List<String> found = new ArrayList<>();
        for (String name : db.listCollectionNames()) {
            db.getCollection(name).find().forEach(d -> {
                for (String needle : needles) {
                    if (d.toJson().contains(needle)) {
                        found.add(name + ": " + needle);
                    }
                }
            });
        }
        return found;
    }
}
