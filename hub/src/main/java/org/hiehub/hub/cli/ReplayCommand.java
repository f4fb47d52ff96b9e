package org.hiehub.hub.cli;

import java.util.List;
import org.hiehub.hub.cli.replay.AsOfCommand;
import org.hiehub.hub.cli.replay.AuditCommand;
import org.hiehub.hub.cli.replay.DeadLettersCommand;
import org.hiehub.hub.cli.replay.ExportCommand;
import org.hiehub.hub.cli.replay.HistoryCommand;
import org.hiehub.hub.cli.replay.RebuildCommand;
import org.hiehub.hub.cli.replay.ReplayContext;
import org.hiehub.hub.cli.replay.StatusCommand;
import org.hiehub.hub.cli.replay.VerifyCommand;
import picocli.CommandLine;

/**
 * {@code hub replay …}: the tools for auditors and engineers that read the event log. Each subcommand is a class
 * of its own; those that need the event store start a minimal hub context (no web server, no projection running)
 * on the configured storage through {@link ReplayContext}.
 */
@CommandLine.Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay tools over the event log. Hub settings go as --name=value (e.g. "
                + "--spring.datasource.url=jdbc:postgresql://host/hiehub); default: the embedded data directory.",
        subcommands = {HistoryCommand.class, AsOfCommand.class, ExportCommand.class, VerifyCommand.class,
                DeadLettersCommand.class, AuditCommand.class, RebuildCommand.class, StatusCommand.class})
public final class ReplayCommand {

    /** A refusal (bad argument, unreachable hub) is one line on stderr and exit code 2, not a stack trace. */
    public static final CommandLine.IExecutionExceptionHandler ERRORS_AS_MESSAGES = (e, command, parsed) -> {
        if (e instanceof IllegalArgumentException) {
            command.getErr().println(command.getCommandName() + ": " + e.getMessage());
            return 2;
        }
        throw e;
    };

    private final ReplayContext.Factory contexts;

    public ReplayCommand() {
        this(ReplayContext::start);
    }

    /** @param contexts where subcommands get the hub's services; tests hand in their running context */
    public ReplayCommand(ReplayContext.Factory contexts) {
        this.contexts = contexts;
    }

    public ReplayContext context(List<String> hubSettings) {
        return contexts.open(hubSettings);
    }
}
