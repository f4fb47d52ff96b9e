package org.hiehub.hub.cli;

import java.util.Set;
import org.hiehub.hub.bench.RebuildBench;
import picocli.CommandLine;

/**
 * Tools in the hub jar that run instead of the hub: {@code match-eval}, {@code match-bench}, {@code read-store} and
 * {@code token} need no Spring at all; {@code replay …} starts a minimal context of its own where a subcommand
 * needs the event store (or calls a running hub), and {@code bench-rebuild} a throw-away hub of its own. {@code HubApplication.main} hands over to this when the first argument names one.
 */
public final class HubCli {

    private static final Set<String> COMMANDS = Set.of("match-eval", "match-bench", "read-store", "token", "replay",
            "bench-rebuild");

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
                .addSubcommand(new TokenCommand())
                .addSubcommand(new ReplayCommand())
                .addSubcommand(new RebuildBench());
        cli.setExecutionExceptionHandler(ReplayCommand.ERRORS_AS_MESSAGES);
        return cli.execute(args);
    }

    @CommandLine.Command(name = "hub", description = "HIE Hub command-line tools")
    static final class Root {
    }
}
