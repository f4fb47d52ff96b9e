package org.hiehub.command.ingest.fhir;

import java.util.regex.Pattern;
import org.hiehub.command.ingest.InboundMessage;

/**
 * The sending system a FHIR client declares in the {@code X-Hub-Source} header. It travels in
 * {@link InboundMessage#peer()} ("source:LAB_A from 10.0.0.7"), the field meant for a client id, so the shared
 * ingest pipeline needs no new field and the dead-letter list shows who sent a refused bundle.
 */
final class FhirSender {

    static final String HEADER = "X-Hub-Source";
    private static final String PREFIX = "source:";
    private static final String FROM = " from ";
    /** A system name, an OID or a URI; no spaces, so the peer string stays unambiguous. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:/\\-|#]{1,120}");

    private FhirSender() {
    }

    static boolean isValid(String declared) {
        return declared == null || VALID.matcher(declared).matches();
    }

    static String peer(String declared, String remoteAddress) {
        return declared == null || declared.isBlank() ? remoteAddress : PREFIX + declared + FROM + remoteAddress;
    }

    /** The declared sender, or null when the message came without one (then Bundle.meta.source decides). */
    static String declared(InboundMessage message) {
        return declared(message.peer());
    }

    static String declared(String peer) {
        if (peer == null || !peer.startsWith(PREFIX)) {
            return null;
        }
        int from = peer.indexOf(FROM);
        return from < 0 ? peer.substring(PREFIX.length()) : peer.substring(PREFIX.length(), from);
    }
}
