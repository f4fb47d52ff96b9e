package org.hiehub.hub.cli;

import java.util.Set;
import picocli.CommandLine;

/**
 * Offline tools in the hub jar that must not start Spring (no database, no read store): {@code match-eval},
 * {@code match-bench}, {@code read-store} and {@code token}. {@code HubApplication.main} hands over to this
 * when the first argument names one.
 */
public final class HubCli {

    private static final Set<String> COMMANDS = Set.of("match-eval", "match-bench", "read-store", "token");

    private HubCli() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(String[] args) {
        CommandLine cli = new CommandLine(new Root())
                .addSubcommand(new MatchEvalCommand())
                .addSubcommand(new MatchBenchCommand())
                .addSubcommand(new ReadStoreServerCommand())
                .addSubcommand(new TokenCommand());
        return cli.execute(args);
    }

    @CommandLine.Command(name = "hub", description = "HIE Hub offline tools")
    static final class Root {
    }
}
