package org.hiehub.command.ingest.hl7v2;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MLLP listener ({@code hub.mllp.*}).
 *
 * @param enabled whether the command role listens for MLLP at all
 * @param port TCP port; 2575 is the IANA-registered HL7 port; 0 picks a free one (tests)
 * @param bindAddress the address to listen on; loopback by default, so exposing the feed is a deliberate choice
 * @param idleTimeoutSeconds an accepted connection that sends nothing for this long is closed
 * @param maxConnections connections open at once; one more is closed as soon as it is accepted (each holds a thread)
 * @param allowedSenders who may send: {@code APP^FACILITY} (MSH-3^MSH-4), {@code ^FACILITY} (any application of
 *     that facility) or {@code *} (anyone: the embedded trial default, logged as a warning). Others get an AR.
 * @param tls TLS on the listener (HL7 over TLS, optionally requiring client certificates)
 */
@ConfigurationProperties("hub.mllp")
public record MllpProperties(@DefaultValue("true") boolean enabled,
                             @DefaultValue("2575") int port,
                             @DefaultValue("127.0.0.1") String bindAddress,
                             @DefaultValue("600") int idleTimeoutSeconds,
                             @DefaultValue("100") int maxConnections,
                             @DefaultValue("*") List<String> allowedSenders,
                             @DefaultValue Tls tls) {

    /**
     * @param keyStore the listener's certificate and key (PKCS12 or JKS file)
     * @param trustStore certificates of senders' CAs; with {@code clientAuth} only senders presenting one get in
     * @param clientAuth require a client certificate (mutual TLS)
     */
    public record Tls(@DefaultValue("false") boolean enabled, @DefaultValue("") String keyStore,
                      @DefaultValue("") String keyStorePassword, @DefaultValue("PKCS12") String keyStoreType,
                      @DefaultValue("") String trustStore, @DefaultValue("") String trustStorePassword,
                      @DefaultValue("false") boolean clientAuth) {
    }
}
