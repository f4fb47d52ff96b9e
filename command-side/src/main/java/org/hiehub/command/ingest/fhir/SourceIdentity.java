package org.hiehub.command.ingest.fhir;

import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * Which source record a FHIR Patient is: {@code assigningAuthority} + {@code localId}, the pair the hub keys a
 * source's patient stream on (HL7 v2 uses PID-3 CX-4 + CX-1 for the same purpose).
 *
 * <p>Why these choices. The authority is the <em>sending system</em> — the {@code X-Hub-Source} header, else
 * Bundle.meta.source — because a source record is "this sender's record of the person", and only the sender
 * can promise its ids stay stable; the MR identifier's system is the fallback for senders that name neither.
 * The local id is the identifier of type MR (HL7 table 0203 Medical Record Number): it is the id the sender's
 * own system keeps for the patient across messages, whereas Patient.id is often a server- or bundle-assigned
 * id (Synthea and many transaction clients send urn:uuid temporaries) and an SSN or driver's licence belongs
 * to the person, not to the sender's record — those stay identifiers for the MPI to match on. Without an MR,
 * the first identifier, then Patient.id (or the fullUrl's id) is the best stable handle there is.
 */
record SourceIdentity(String assigningAuthority, String localId) {

    /** Used only when neither the sender nor any identifier names an authority. */
    static final String UNNAMED_SENDER = "fhir:unnamed-sender";

    static Optional<SourceIdentity> of(Patient patient, String sender, FhirEntry entry) {
        Optional<Identifier> mr = patient.getIdentifier().stream()
                .filter(i -> i.hasValue() && isMedicalRecordNumber(i)).findFirst();
        Optional<Identifier> first = patient.getIdentifier().stream().filter(Identifier::hasValue).findFirst();
        String localId = mr.or(() -> first).map(Identifier::getValue).orElse(entry.logicalId());
        if (localId == null || localId.isBlank()) {
            return Optional.empty();
        }
        String authority = sender != null ? sender
                : mr.or(() -> first).filter(Identifier::hasSystem).map(Identifier::getSystem).orElse(UNNAMED_SENDER);
        return Optional.of(new SourceIdentity(authority, localId));
    }

    static boolean isMedicalRecordNumber(Identifier identifier) {
        return identifier.hasType() && identifier.getType().getCoding().stream().anyMatch(c -> "MR".equals(c.getCode()));
    }
}
