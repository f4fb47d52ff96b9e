package org.hiehub.hub;

import org.hiehub.command.CommandSideModule;
import org.hiehub.command.ingest.hl7v2.Hl7IngestBench;
import org.hiehub.hub.bench.FhirIngestBench;
import org.hiehub.hub.bench.Hl7IngestBenchCommand;
import org.hiehub.hub.bench.ReadBench;
import org.hiehub.hub.bench.SoakCommand;
import org.hiehub.hub.cli.HubCli;
import org.hiehub.projections.ProjectionsModule;
import org.hiehub.query.QuerySideModule;
import org.hiehub.replay.AuditToolsModule;
import org.hiehub.replay.ReplayModule;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The runnable hub. Each role is a module configuration that switches itself on from {@code hub.roles}
 * (default: all), so one artifact runs as one process or as separate command, projections and query processes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan("org.hiehub")
@EnableScheduling
@Import({CommandSideModule.class, ProjectionsModule.class, QuerySideModule.class, ReplayModule.class,
        AuditToolsModule.class})
public class HubApplication {

    public static void main(String[] args) {
        if (args.length > 0 && FhirIngestBench.NAME.equals(args[0])) {
            // A load client for a running hub: plain HTTP, no Spring context of its own.
            System.exit(FhirIngestBench.run(args));
        }
        if (args.length > 0 && ReadBench.NAME.equals(args[0])) {
            // A read-latency client for a running hub: no Spring context of its own.
            System.exit(ReadBench.run(args));
        }
        if (args.length > 0 && Hl7IngestBench.NAME.equals(args[0])) {
            // An MLLP load client for a running hub: no Spring context of its own.
            System.exit(Hl7IngestBenchCommand.run(args));
        }
        if (args.length > 0 && SoakCommand.NAME.equals(args[0])) {
            // Mixed HL7 and FHIR traffic for a fixed time against a running hub: a client, no Spring context.
            System.exit(SoakCommand.run(args));
        }
        if (HubCli.handles(args)) {
            // Offline tools (match-eval, match-bench) need no database or read store: no Spring context at all.
            System.exit(HubCli.run(args));
        }
        // The hub never calls out: Axon 4.13's usage reporter would contact AxonIQ at startup otherwise.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(HubApplication.class, args);
    }
}
