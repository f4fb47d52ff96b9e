package org.hiehub.hub.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hiehub.hub.security.HubRole;
import org.hiehub.hub.security.LocalTokenIssuer;
import picocli.CommandLine;

/**
 * Mints a bearer token from the embedded default's local issuer, so a newcomer can call the API in any role.
 * Uses the signing key in the hub's data directory (created on first use), the same one the hub verifies with.
 */
@CommandLine.Command(name = "token", mixinStandardHelpOptions = true,
        description = "Mint a bearer token from the local issuer (embedded default) and print it.")
final class TokenCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--user", required = true, description = "who the token is for (its subject)")
    String user;

    @CommandLine.Option(names = "--role", split = ",",
            description = "one or more of: clinician, auditor, steward, integrator, privacy-officer, admin, researcher")
    List<String> roles = List.of();

    @CommandLine.Option(names = "--all-roles", description = "every role (for trying the hub out)")
    boolean allRoles;

    @CommandLine.Option(names = "--org", description = "the caller's organization (consent may name it)")
    String organization;

    @CommandLine.Option(names = "--ttl", defaultValue = "PT8H", description = "lifetime, ISO-8601 (default PT8H)")
    Duration ttl;

    @CommandLine.Option(names = "--data-dir", defaultValue = "./data", description = "the hub's data directory")
    Path dataDir;

    @CommandLine.Option(names = "--key-file", description = "the signing key (default <data-dir>/token-signing.jwk)")
    Path keyFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Set<HubRole> granted = allRoles ? EnumSet.allOf(HubRole.class) : EnumSet.noneOf(HubRole.class);
        for (String role : roles) {
            granted.add(HubRole.fromClaim(role.trim()).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "unknown role '" + role + "'")));
        }
        if (granted.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --role ROLE (or --all-roles)");
        }
        Path key = keyFile != null ? keyFile : dataDir.resolve(LocalTokenIssuer.KEY_FILE);
        spec.commandLine().getOut().println(LocalTokenIssuer.forKeyFile(key).mint(user, granted, organization, ttl));
        return 0;
    }
}
