package org.hiehub.query.research;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;

/**
 * Per-person date shifting: every date of one person moves by the same number of days (1 to 365, either way), so
 * intervals between their facts are kept while no real date is shown. The offset is an HMAC of the master patient
 * id under a secret made once and kept in the read store ({@code research_secrets}): stable across exports, so a
 * repeated export agrees with the last one, and not computable by anyone who holds only the export.
 */
final class DateShift {

    static final String SECRETS = "research_secrets";
    private static final String NAME = "date-shift";
    private static final int MAX_DAYS = 365;
    private final SecretKeySpec key;

    private DateShift(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    static DateShift load(MongoDatabase readStore) {
        MongoCollection<Document> secrets = readStore.getCollection(SECRETS);
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // $setOnInsert: two processes starting at once keep whichever secret was written first.
        try {
            secrets.updateOne(eq("_id", NAME), Updates.setOnInsert("material",
                    Base64.getEncoder().encodeToString(fresh)), new UpdateOptions().upsert(true));
        } catch (com.mongodb.MongoWriteException e) {
            // lost the upsert race: the other writer's secret is there now
        }
        return new DateShift(Base64.getDecoder().decode(secrets.find(eq("_id", NAME)).first()
                .getString("material")));
    }

    /** Never zero, so no exported date is a real one. */
    int offsetDays(String masterPatientId) {
        int bits = ByteBuffer.wrap(hmac(masterPatientId)).getInt() & Integer.MAX_VALUE;
        int magnitude = 1 + bits % MAX_DAYS;
        return (bits / MAX_DAYS) % 2 == 0 ? magnitude : -magnitude;
    }

    private byte[] hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
