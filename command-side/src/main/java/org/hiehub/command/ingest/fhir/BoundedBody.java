package org.hiehub.command.ingest.fhir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body without ever holding more than the size limit plus one byte: a declared or actual body
 * beyond the limit stops the read there. What was read still goes to the pipeline, which refuses it for its size
 * and keeps its head in the dead-letter store, so an oversized upload is visible to the integration engineer.
 */
record BoundedBody(byte[] bytes, boolean oversize) {

    static BoundedBody read(InputStream in, long declaredLength, long limit) throws IOException {
        int cap = (int) Math.min(limit + 1, Integer.MAX_VALUE - 8);
        int initial = declaredLength > 0 ? (int) Math.min(declaredLength, cap) : 64 * 1024;
        ByteArrayOutputStream out = new ByteArrayOutputStream(initial);
        byte[] buffer = new byte[64 * 1024];
        int total = 0;
        int n;
        while (total < cap && (n = in.read(buffer, 0, Math.min(buffer.length, cap - total))) > 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return new BoundedBody(out.toByteArray(), total > limit);
    }
}
