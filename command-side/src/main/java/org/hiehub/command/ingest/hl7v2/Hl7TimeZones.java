package org.hiehub.command.ingest.hl7v2;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where an HL7 v2 sender's clock stands ({@code hub.ingest.hl7.*}). A time sent without an offset is the sender's
 * local time (HL7 v2.5.1 section 2.A.22); the hub reads it in the first of: the offset of the message's own MSH-7,
 * the sender's zone configured here, {@code time-zone}. The time as sent is kept with every fact, so a wrong
 * setting can be corrected by re-reading it.
 *
 * @param timeZone        the zone of a sender named nowhere else (UTC)
 * @param senderTimeZones zone ids by sender as the MLLP allowlist names them: {@code APP^FACILITY} (MSH-3^MSH-4),
 *                        {@code ^FACILITY} for any application of a facility, {@code APP^} for an application;
 *                        in properties written in brackets, e.g.
 *                        {@code hub.ingest.hl7.sender-time-zones[^ACME]=America/Chicago}
 */
@ConfigurationProperties("hub.ingest.hl7")
public record Hl7TimeZones(@DefaultValue("UTC") ZoneId timeZone, Map<String, ZoneId> senderTimeZones) {

    /** Every sender on UTC, none named. */
    public static final Hl7TimeZones UTC = new Hl7TimeZones(ZoneOffset.UTC, Map.of());

    public Hl7TimeZones {
        senderTimeZones = senderTimeZones == null ? Map.of() : Map.copyOf(senderTimeZones);
    }

    /** The zone the times of {@code header}'s message are read in when they carry no offset of their own. */
    ZoneId of(MshHeader header) {
        Optional<ZoneOffset> stated = Hl7Dates.statedOffset(header.dateTime());
        if (stated.isPresent()) {
            return stated.get();
        }
        String application = header.sendingApplication() == null ? "" : header.sendingApplication();
        String facility = header.sendingFacility() == null ? "" : header.sendingFacility();
        for (String key : new String[] {application + "^" + facility, "^" + facility, application + "^"}) {
            ZoneId zone = key.equals("^") ? null : senderTimeZones.get(key);
            if (zone != null) {
                return zone;
            }
        }
        return timeZone;
    }
}
