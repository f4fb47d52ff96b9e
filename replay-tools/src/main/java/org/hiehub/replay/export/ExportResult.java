package org.hiehub.replay.export;

/** What an export wrote: how many events, and the positions of the first and last (-1 when none). */
public record ExportResult(long exported, long firstPosition, long lastPosition) {
}
