package org.hiehub.hub.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.security.LocalTokenIssuer;
import picocli.CommandLine;

/**
 * How a command-line client (benchmarks, the replay tools, the soak run) authenticates to a running hub: an
 * explicit {@code --token}, else {@code $HUB_TOKEN}, else a short-lived all-roles token minted from the local
 * issuer's key in {@code --data-dir} (the embedded default, when the client runs on the hub's machine).
 * Use as a picocli {@code @Mixin}.
 */
public final class TokenOptions {

    @CommandLine.Option(names = "--token", description = "bearer token (default: $HUB_TOKEN, else minted locally)")
    String token;

    @CommandLine.Option(names = "--data-dir", defaultValue = "./data",
            description = "the hub's data directory, whose local issuer key mints a token when none is given")
    Path dataDir;

    /** The value of an {@code Authorization} header. */
    public String authorization() {
        return "Bearer " + token();
    }

    public String token() {
        if (token != null && !token.isBlank()) {
            return token;
        }
        String fromEnvironment = System.getenv("HUB_TOKEN");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        Path key = dataDir.resolve(LocalTokenIssuer.KEY_FILE);
        if (!Files.exists(key)) {
            throw new IllegalStateException("no --token, no $HUB_TOKEN and no local issuer key at " + key
                    + "; mint one with 'java -jar hub.jar token --user NAME --role ROLE'");
        }
        return LocalTokenIssuer.forKeyFile(key).mint("cli", EnumSet.allOf(HubRole.class), null, Duration.ofHours(2));
    }
}
