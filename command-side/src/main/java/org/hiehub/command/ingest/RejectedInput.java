package org.hiehub.command.ingest;

/**
 * Input the hub refuses. {@code location} names where (e.g. "PID-7", "MSH-2", "Bundle.entry[3].resource"),
 * {@code code} is the HL7 table 0357 error code (100 segment sequence, 101 required field missing, 102 data type,
 * 200 unsupported message type, 203 unsupported version, 207 application internal error…). The message never
 * quotes field values: it ends up in logs, events and ACKs.
 */
public class RejectedInput extends Exception {

    private final String location;
    private final int code;
    private final boolean structural;

    public RejectedInput(String reason, String location, int code, boolean structural) {
        super(reason);
        this.location = location;
        this.code = code;
        this.structural = structural;
    }

    public static RejectedInput unparseable(String reason) {
        return new RejectedInput(reason, null, 102, true);
    }

    public static RejectedInput invalid(String reason, String location, int code) {
        return new RejectedInput(reason, location, code, false);
    }

    public String location() {
        return location;
    }

    public int code() {
        return code;
    }

    /** True when the message could not be read at all (HL7 AR); false for readable but wrong content (AE). */
    public boolean structural() {
        return structural;
    }
}
