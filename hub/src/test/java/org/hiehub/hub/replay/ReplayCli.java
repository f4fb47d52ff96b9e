package org.hiehub.hub.replay;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.hiehub.hub.cli.ReplayCommand;
import org.hiehub.hub.cli.replay.ReplayContext;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;

/** Runs {@code hub replay …} in-process against the test's running hub context, capturing what it prints. */
final class ReplayCli {

    private ReplayCli() {
    }

    static Result run(ApplicationContext hub, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReplayCommand(settings -> ReplayContext.of(hub)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(ReplayCommand.ERRORS_AS_MESSAGES);
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString(), Arrays.asList(args));
    }

    record Result(int exit, String out, String err, List<String> args) {

        List<String> lines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "replay " + String.join(" ", args) + " -> " + exit + "\n" + out + "\n" + err;
        }
    }
}
