package org.hiehub.hub.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * {@code replay dead-letters list|show|retry}: the dead-letter store of a running hub, through its API
 * ({@code /api/dead-letters}), so re-processing goes through the very ingestion path that refused the message.
 */
@CommandLine.Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "Refused messages parked by ingestion: list, show one, retry (re-process) one, on a running hub.",
        subcommands = {DeadLettersCommand.List.class, DeadLettersCommand.Show.class, DeadLettersCommand.Retry.class})
public final class DeadLettersCommand {

    @CommandLine.Option(names = "--hub", defaultValue = "${env:HUB_URL:-http://localhost:8080}", scope =
            CommandLine.ScopeType.INHERIT, description = "the hub's base URL (default ${DEFAULT-VALUE}; env HUB_URL)")
    String hubUrl;

    @CommandLine.Option(names = "--token", defaultValue = "${env:HUB_TOKEN}", scope = CommandLine.ScopeType.INHERIT,
            description = "bearer token for the hub's API (env HUB_TOKEN)")
    String token;

    DeadLetterApi api() {
        return new DeadLetterApi(hubUrl, token);
    }

    @CommandLine.Command(name = "list", mixinStandardHelpOptions = true, description = "list dead letters")
    static final class List implements Callable<Integer> {
        @CommandLine.ParentCommand
        DeadLettersCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Option(names = "--status", description = "OPEN, REPROCESSED or SUPERSEDED")
        String status;
        @CommandLine.Option(names = "--limit", defaultValue = "50")
        int limit;
        @CommandLine.Option(names = "--offset", defaultValue = "0")
        int offset;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            JsonNode page = parent.api().list(status, limit, offset);
            out.printf("%-38s %-24s %-10s %-12s %-12s %-9s %s%n", "ID", "RECEIVED", "STATUS", "FORMAT", "SOURCE",
                    "TYPE", "REASON");
            for (JsonNode letter : page.path("items")) {
                out.printf("%-38s %-24s %-10s %-12s %-12s %-9s %s%n", letter.path("id").asText(),
                        letter.path("receivedAt").asText(), letter.path("status").asText(),
                        letter.path("format").asText(), letter.path("sourceSystem").asText(""),
                        letter.path("messageType").asText(""), letter.path("reason").asText());
            }
            out.printf("%d of %d%n", page.path("items").size(), page.path("total").asLong());
            return 0;
        }
    }

    @CommandLine.Command(name = "show", mixinStandardHelpOptions = true,
            description = "one dead letter with its reason and raw payload")
    static final class Show implements Callable<Integer> {
        @CommandLine.ParentCommand
        DeadLettersCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            JsonNode detail = parent.api().show(id);
            PrintWriter out = spec.commandLine().getOut();
            out.println(ReplayJson.pretty(detail.path("deadLetter")));
            out.println("--- payload ---");
            out.println(detail.path("payload").asText());
            if (detail.path("payloadCut").asBoolean()) {
                out.println("--- its first MiB; all of it: GET /api/dead-letters/" + id + "/payload ---");
            }
            return 0;
        }
    }

    @CommandLine.Command(name = "retry", mixinStandardHelpOptions = true,
            description = "re-process the stored payload (after a fix), or a corrected one; exit 1 if refused again")
    static final class Retry implements Callable<Integer> {
        @CommandLine.ParentCommand
        DeadLettersCommand parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Parameters(paramLabel = "ID")
        String id;
        @CommandLine.Option(names = "--payload", description = "a file holding the corrected message")
        Path payload;

        @Override
        public Integer call() throws Exception {
            String corrected = payload == null ? null : Files.readString(payload);
            DeadLetterApi.Outcome outcome = parent.api().retry(id, corrected);
            spec.commandLine().getOut().println(ReplayJson.pretty(outcome.body()));
            return outcome.stored() ? 0 : 1;
        }
    }
}
