package org.hiehub.projections.versions;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * The pointer documents of {@code read_model_versions}, one per projection: which version readers see
 * ({@code live}), which one a blue/green rebuild is building and from where, and the retired versions kept until
 * dropped. A switch is one single-document update, atomic on MongoDB and mongo-java-server alike.
 */
public class ReadModelVersions {

    public static final String COLLECTION = "read_model_versions";
    private final MongoCollection<Document> pointers;

    public ReadModelVersions(MongoDatabase readStore) {
        this.pointers = readStore.getCollection(COLLECTION);
    }

    /**
     * A rebuild in progress: the version it writes, its processor's segments and batch size, where in the log it
     * began, and whether readers switch to it by themselves once it has caught up.
     */
    public record Building(int version, int segments, int batchSize, long startPosition, String startedAt,
                           boolean autoSwitch) {

        static Building of(Document d) {
            return d == null ? null : new Building(d.getInteger("version"), d.getInteger("segments", 1),
                    d.getInteger("batchSize", 1000), d.get("startPosition", Number.class).longValue(),
                    d.getString("startedAt"), d.getBoolean("autoSwitch", true));
        }

        Document toDocument() {
            return new Document("version", version).append("segments", segments).append("batchSize", batchSize)
                    .append("startPosition", startPosition).append("startedAt", startedAt)
                    .append("autoSwitch", autoSwitch);
        }
    }

    /** @param lastVersion the highest version ever given out, so a version's collections are never reused */
    public record Pointer(String projection, int live, int lastVersion, Building building, List<Integer> retired,
                          String switchedAt) {
    }

    public Pointer get(String projection) {
        Document d = pointers.find(eq("_id", projection)).first();
        if (d == null) {
            return new Pointer(projection, 0, 0, null, List.of(), null);
        }
        return new Pointer(projection, d.getInteger("live", 0), d.getInteger("lastVersion", 0),
                Building.of(d.get("building", Document.class)), d.getList("retired", Integer.class, List.of()),
                d.getString("switchedAt"));
    }

    /** Records a new version as being built before anything is written to it; false if one is already building. */
    public boolean startBuilding(String projection, Building building) {
        Pointer current = get(projection);
        if (current.building() != null) {
            return false;
        }
        if (pointers.find(eq("_id", projection)).first() == null) {
            try {
                pointers.insertOne(new Document("_id", projection).append("live", 0)
                        .append("lastVersion", building.version()).append("building", building.toDocument())
                        .append("retired", List.of()));
                return true;
            } catch (MongoWriteException e) {
                return false; // another process started one at the same moment
            }
        }
        var result = pointers.updateOne(new Document("_id", projection).append("building", null),
                Updates.combine(Updates.set("building", building.toDocument()),
                        Updates.set("lastVersion", building.version())));
        return result.getModifiedCount() > 0;
    }

    /** Readers see {@code version} from now on; the previous live version is retired (kept until dropped). */
    public boolean switchTo(String projection, int version, Instant at) {
        Pointer current = get(projection);
        var result = pointers.updateOne(new Document("_id", projection).append("building.version", version),
                Updates.combine(Updates.set("live", version), Updates.set("building", null),
                        Updates.addToSet("retired", current.live()), Updates.set("switchedAt", at.toString())));
        return result.getModifiedCount() > 0;
    }

    /** Gives up a version that was being built (its collections are then dropped by the caller). */
    public void abandon(String projection, int version) {
        pointers.updateOne(new Document("_id", projection).append("building.version", version),
                Updates.combine(Updates.set("building", null), Updates.addToSet("retired", version)));
    }

    public void dropped(String projection, int version) {
        pointers.updateOne(eq("_id", projection), Updates.pull("retired", version));
    }
}
