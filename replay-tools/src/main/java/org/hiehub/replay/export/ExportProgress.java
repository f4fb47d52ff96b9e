package org.hiehub.replay.export;

/** Told every few thousand events and once at the end how far an export got. */
@FunctionalInterface
public interface ExportProgress {

    ExportProgress NONE = (exported, position, head, done) -> {
    };

    /**
     * @param exported events written so far
     * @param position global position of the last event written
     * @param head the log's head when the export began
     * @param done true for the last call
     */
    void update(long exported, long position, long head, boolean done);
}
