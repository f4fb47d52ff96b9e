package org.hiehub.command.ingest.hl7v2;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MLLP listener ({@code hub.mllp.*}).
 *
 * @param enabled whether the command role listens for MLLP at all
 * @param port TCP port; 2575 is the IANA-registered HL7 port; 0 picks a free one (tests)
 * @param bindAddress the address to listen on; loopback by default, so exposing the feed is a deliberate choice
 * @param idleTimeoutSeconds an accepted connection that sends nothing for this long is closed
 */
@ConfigurationProperties("hub.mllp")
public record MllpProperties(@DefaultValue("true") boolean enabled,
                             @DefaultValue("2575") int port,
                             @DefaultValue("127.0.0.1") String bindAddress,
                             @DefaultValue("600") int idleTimeoutSeconds) {
}
