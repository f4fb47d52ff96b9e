package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.util.idgenerator.IDGenerator;
import java.util.UUID;

/**
 * MSH-10 of the hub's ACKs: 20 random hex digits (the field's length in v2.5), unique across restarts and
 * processes. HAPI's in-memory generator counted from 0 again at every start, and its default one keeps its counter
 * in {@code ./id_file}, in whatever directory the hub was started from.
 */
final class AckControlIds implements IDGenerator {

    static String next() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    @Override
    public String getID() {
        return next();
    }
}
