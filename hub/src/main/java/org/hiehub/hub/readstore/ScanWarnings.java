package org.hiehub.hub.readstore;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once per query shape when the embedded read store answers a query by scanning a large collection, as
 * MongoDB's COLLSCAN entries in its slow-query log do: such a query costs more with every document the store holds.
 * Only field names are logged, never values (they may be personal data).
 */
final class ScanWarnings {

    static final int LARGE = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ScanWarnings.class);
    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    private ScanWarnings() {
    }

    static void scanning(String collection, Document query, int documents) {
        if (documents < LARGE) {
            return;
        }
        String shape = collection + " " + new TreeSet<>(query.keySet());
        if (warned.add(shape)) {
            log.warn("The read store scans all {} documents of {} for a query by {}: no index serves it", documents,
                    collection, new TreeSet<>(query.keySet()));
        }
    }
}
