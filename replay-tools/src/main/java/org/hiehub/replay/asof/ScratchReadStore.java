package org.hiehub.replay.asof;

import com.mongodb.client.MongoDatabase;

/**
 * A throw-away read store for one point-in-time rebuild, so the real projection code can run without touching
 * the live views. The hub supplies one; closing it discards everything written.
 */
public interface ScratchReadStore {

    Scratch open();

    /** An empty database that lives until closed. */
    interface Scratch extends AutoCloseable {

        MongoDatabase database();

        @Override
        void close();
    }
}
