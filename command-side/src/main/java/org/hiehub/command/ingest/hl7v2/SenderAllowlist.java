package org.hiehub.command.ingest.hl7v2;

import java.util.List;

/**
 * Which sending systems an MLLP listener takes messages from, by MSH-3 (sending application) and MSH-4 (sending
 * facility). MLLP has no authentication of its own; this, network placement and mutual TLS are what stand in for
 * it, so an unknown sender is refused before anything it sent is stored.
 */
final class SenderAllowlist {

    private final List<String> entries;

    SenderAllowlist(List<String> entries) {
        this.entries = entries.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
    }

    boolean allowsAnyone() {
        return entries.contains("*");
    }

    boolean allows(String application, String facility) {
        if (allowsAnyone()) {
            return true;
        }
        String app = application == null ? "" : application.trim();
        String fac = facility == null ? "" : facility.trim();
        for (String entry : entries) {
            int caret = entry.indexOf('^');
            String wantedApp = caret < 0 ? entry : entry.substring(0, caret);
            String wantedFacility = caret < 0 ? "" : entry.substring(caret + 1);
            boolean appMatches = wantedApp.isEmpty() || wantedApp.equals(app);
            boolean facilityMatches = wantedFacility.isEmpty() || wantedFacility.equals(fac);
            if (appMatches && facilityMatches && !(wantedApp.isEmpty() && wantedFacility.isEmpty())) {
                return true;
            }
        }
        return false;
    }
}
