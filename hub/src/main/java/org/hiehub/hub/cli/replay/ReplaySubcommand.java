package org.hiehub.hub.cli.replay;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hiehub.hub.cli.ReplayCommand;
import picocli.CommandLine;

/** A replay subcommand that needs the hub's services; anything it does not know is passed on as a hub setting. */
abstract class ReplaySubcommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    ReplayCommand replay;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Hub settings such as {@code --spring.datasource.url=…} or {@code --hub.data-dir=…}. */
    @CommandLine.Unmatched
    List<String> hubSettings = new ArrayList<>();

    @Override
    public final Integer call() throws Exception {
        for (String setting : hubSettings) {
            if (!setting.startsWith("--") || !setting.contains("=")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown argument '" + setting + "' (hub settings go as --name=value)");
            }
        }
        try (ReplayContext hub = replay.context(hubSettings)) {
            return run(hub, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    abstract int run(ReplayContext hub, PrintWriter out, PrintWriter err) throws Exception;
}
