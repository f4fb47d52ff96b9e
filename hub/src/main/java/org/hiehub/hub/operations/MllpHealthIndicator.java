package org.hiehub.hub.operations;

import org.hiehub.command.ingest.hl7v2.MllpListener;
import org.hiehub.command.ingest.hl7v2.MllpProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The HL7 v2 listener of the command role: bound (and on which port), and how many senders are connected. */
class MllpHealthIndicator implements HealthIndicator {

    private final MllpListener listener;
    private final MllpProperties properties;

    MllpHealthIndicator(MllpListener listener, MllpProperties properties) {
        this.listener = listener;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (!properties.enabled()) {
            return Health.unknown().withDetail("enabled", false).build();
        }
        int port = listener.port();
        Health.Builder health = listener.isRunning() && port > 0 ? Health.up() : Health.down();
        return health.withDetail("bindAddress", properties.bindAddress()).withDetail("port", port)
                .withDetail("connections", listener.openConnections()).build();
    }
}
