package org.hiehub.command.ingest.hl7v2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS context of the MLLP listener from {@code hub.mllp.tls.*}; {@code null} when TLS is off. */
final class MllpTls {

    private MllpTls() {
    }

    static SSLContext context(MllpProperties.Tls tls) {
        if (!tls.enabled()) {
            return null;
        }
        if (tls.keyStore().isBlank()) {
            throw new IllegalStateException("hub.mllp.tls.enabled needs hub.mllp.tls.key-store");
        }
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(tls.keyStore(), tls.keyStoreType(), tls.keyStorePassword()),
                    tls.keyStorePassword().toCharArray());
            TrustManagerFactory trust = null;
            if (!tls.trustStore().isBlank()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(tls.trustStore(), tls.keyStoreType(), tls.trustStorePassword()));
            } else if (tls.clientAuth()) {
                throw new IllegalStateException("hub.mllp.tls.client-auth needs hub.mllp.tls.trust-store");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the MLLP listener: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String file, String type, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
