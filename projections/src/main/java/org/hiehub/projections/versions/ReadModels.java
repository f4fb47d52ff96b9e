package org.hiehub.projections.versions;

import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Resolves the live version of each projection's collections, for the projections (which write the live version)
 * and the query side (which reads it). The pointer is cached briefly, so a request costs no extra read and a
 * process that did not make a switch (a query process, say) follows it within {@code refreshMillis}.
 */
public class ReadModels {

    private final MongoDatabase readStore;
    private final ReadModelVersions versions;
    private final long refreshMillis;
    private final LongSupplier clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ReadModels(MongoDatabase readStore, long refreshMillis) {
        this(readStore, refreshMillis, System::currentTimeMillis);
    }

    ReadModels(MongoDatabase readStore, long refreshMillis, LongSupplier clock) {
        this.readStore = readStore;
        this.versions = new ReadModelVersions(readStore);
        this.refreshMillis = refreshMillis;
        this.clock = clock;
    }

    /**
     * The live version as it is now, for one request: every collection it reads comes from the same version, even
     * if a switch happens meanwhile (the old version stays until it is dropped on request).
     */
    public ReadModelScope live(String projection) {
        return ReadModelScope.pinned(readStore, liveVersion(projection));
    }

    /** Whatever version is live at each call: the scope of a projection's own running instance. */
    public ReadModelScope following(String projection) {
        return name -> readStore.getCollection(ReadModelScope.collectionName(name, liveVersion(projection)));
    }

    public ReadModelScope version(int version) {
        return ReadModelScope.pinned(readStore, version);
    }

    public int liveVersion(String projection) {
        long now = clock.getAsLong();
        Cached cached = cache.get(projection);
        if (cached == null || now - cached.readAt() > refreshMillis) {
            cached = new Cached(versions.get(projection).live(), now);
            cache.put(projection, cached);
        }
        return cached.version();
    }

    /** Forgets cached pointers: called by the process that switched, before its projections write again. */
    public void refresh() {
        cache.clear();
    }

    public ReadModelVersions versions() {
        return versions;
    }

    public MongoDatabase readStore() {
        return readStore;
    }

    private record Cached(int version, long readAt) {
    }
}
