package org.hiehub.hub.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.hiehub.command.ingest.hl7v2.Hl7IngestBench;
import org.hiehub.hub.cli.TokenOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-ingest-hl7}'s command line: the options of {@link Hl7IngestBench} (which sends), plus where the
 * projection lag and the hub's CPU per message are read from ({@link Hl7LagWatch}). Unknown options are refused
 * rather than ignored, so a mistyped one cannot silently measure something else.
 */
@Command(name = Hl7IngestBench.NAME, mixinStandardHelpOptions = true,
        description = "HL7 v2 ADT^A01 and ORU^R01 over MLLP to a running hub (loopback only): messages/s, ACK "
                + "latency, projection lag and hub CPU per message, per phase.")
public final class Hl7IngestBenchCommand implements Callable<Integer> {

    @Option(names = "--messages", defaultValue = "1000", description = "messages per measured phase (1..200000)")
    int messages;
    @Option(names = "--connections", split = ",", defaultValue = "1,4",
            description = "concurrent MLLP connections (1..16), one level after another: 1,4 measures both")
    List<Integer> connections;
    @Option(names = {"--warm-up", "--warmup"}, defaultValue = "1000",
            description = "unmeasured messages first, half ADT and half ORU (0..200000)")
    int warmUp;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "the hub's host, on loopback")
    String host;
    @Option(names = "--port", defaultValue = "2575", description = "the hub's MLLP port")
    int port;
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
            description = "the hub's HTTP side, read for projection lag and CPU")
    URI url;
    @CommandLine.Mixin
    TokenOptions credentials;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static int run(String[] args) {
        return new CommandLine(new Hl7IngestBenchCommand()).execute(Arrays.copyOfRange(args, 1, args.length));
    }

    @Override
    public Integer call() {
        Hl7IngestBench.Settings settings = new Hl7IngestBench.Settings(
                OptionBounds.within(spec, "--messages", messages, 1, Hl7IngestBench.Settings.MAX_MESSAGES),
                OptionBounds.eachWithin(spec, "--connections", connections, 1,
                        Hl7IngestBench.Settings.MAX_CONNECTIONS),
                OptionBounds.within(spec, "--warm-up", warmUp, 0, Hl7IngestBench.Settings.MAX_MESSAGES), host, port);
        return Hl7IngestBench.run(settings, Hl7LagWatch.perPhase(url, credentials), System.out);
    }
}
