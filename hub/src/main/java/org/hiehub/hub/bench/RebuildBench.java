package org.hiehub.hub.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hiehub.hub.HubApplication;
import org.hiehub.projections.summary.PatientSummaryProjection;
import org.hiehub.projections.timeline.TimelineProjection;
import org.hiehub.replay.bluegreen.BlueGreenRebuilder;
import org.hiehub.replay.bluegreen.RebuildProgress;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code bench-rebuild}: rebuild throughput of the patient-summary and timeline projections. Writes synthetic
 * events through the hub's own event store and serializer (personal data encrypted as in production) into a
 * throw-away embedded PostgreSQL, then rebuilds each projection blue/green into the embedded read store, timing
 * from the start of the rebuild until it has caught up with the head of the log. Generating the events is not
 * measured. Progress on stderr; one JSON line with the figures on stdout.
 */
@Command(name = "bench-rebuild", mixinStandardHelpOptions = true,
        description = "Measure blue/green rebuild throughput (events/s) of patient-summary and timeline.")
public final class RebuildBench implements Callable<Integer> {

    private static final int APPEND_CHUNK = 5_000;
    @Option(names = "--events", defaultValue = "1000000", description = "events to write (default ${DEFAULT-VALUE})")
    long events;
    @Option(names = "--segments", defaultValue = "2", description = "rebuild segments (default ${DEFAULT-VALUE})")
    int segments;
    @Option(names = "--batch-size", defaultValue = "1000", description = "events per batch (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--projections", split = ",", defaultValue = "patient-summary,timeline")
    List<String> projections;
    /** Further hub settings, e.g. --hub.read-store.uri=mongodb://… to rebuild into a real MongoDB. */
    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("hub-bench-rebuild");
        List<String> args = new ArrayList<>(List.of("--hub.data-dir=" + dataDir, "--hub.roles=projections",
                "--hub.read-store.embedded-backend=memory", "--hub.rebuild.resume-on-start=false",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        args.addAll(springArgs);
        System.setProperty("axoniq.update-checker.disabled", "true");
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubApplication.class)
                .web(WebApplicationType.NONE).run(args.toArray(String[]::new))) {
            // the live processors would consume the events as they are written: this measures rebuilds only
            hub.getBean(EventProcessingConfiguration.class).eventProcessors().values()
                    .forEach(EventProcessor::shutDown);
            long written = generate(hub.getBean(EventStore.class), hub.getBean(TransactionManager.class));
            BlueGreenRebuilder rebuilder = hub.getBean(BlueGreenRebuilder.class);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("events", written);
            report.put("segments", segments);
            report.put("batch_size", batchSize);
            for (String projection : projections) {
                report.put(projection, measure(rebuilder, projection));
            }
            System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(report));
        } finally {
            FileSystemUtils.deleteRecursively(dataDir);
        }
        return 0;
    }

    private long generate(EventStore store, TransactionManager transactions) {
        int patients = (int) Math.ceil((double) events / RebuildBenchEvents.EVENTS_PER_PATIENT);
        List<EventMessage<?>> chunk = new ArrayList<>(APPEND_CHUNK + RebuildBenchEvents.EVENTS_PER_PATIENT);
        long written = 0;
        long started = System.nanoTime();
        for (int i = 0; i < patients; i++) {
            RebuildBenchEvents.patient(i, chunk::add);
            if (chunk.size() >= APPEND_CHUNK || i == patients - 1) {
                List<EventMessage<?>> batch = List.copyOf(chunk);
                transactions.executeInTransaction(() -> store.publish(batch));
                written += batch.size();
                chunk.clear();
                System.err.printf("\rwriting events: %,d of %,d (%,.0f/s)", written,
                        (long) patients * RebuildBenchEvents.EVENTS_PER_PATIENT,
                        written / ((System.nanoTime() - started) / 1e9));
            }
        }
        System.err.println();
        return written;
    }

    private Map<String, Object> measure(BlueGreenRebuilder rebuilder, String projection) throws InterruptedException {
        long started = System.nanoTime();
        long cpuStarted = cpuNanos();
        RebuildProgress progress = rebuilder.start(projection, false, segments, batchSize);
        while (!progress.caughtUp() || progress.processed() < progress.total()) {
            Thread.sleep(250);
            progress = rebuilder.progress(projection);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.err.printf("\r%s: %,d/%,d events %,.0f ev/s %s", projection, progress.processed(),
                    progress.total(), progress.processed() / seconds, progress.error() == null ? ""
                            : progress.error());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (cpuNanos() - cpuStarted) / 1e9;
        System.err.println();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", Math.round(seconds * 100) / 100.0);
        result.put("events_per_second", Math.round(progress.total() / seconds));
        // the whole process's CPU (handlers, serializer, the in-process read store): a figure a loaded machine
        // does not distort as much as wall-clock time; PostgreSQL's own CPU is not in it
        result.put("events_per_cpu_second", Math.round(progress.total() / cpuSeconds));
        result.put("handled_events", handled(projection, progress.total()));
        rebuilder.abandon(projection); // frees the read store (memory) before the next one
        return result;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** How many of the log's events the projection has a handler for (the rest it only reads past). */
    private static long handled(String projection, long total) {
        long patients = total / RebuildBenchEvents.EVENTS_PER_PATIENT;
        return switch (projection) {
            case PatientSummaryProjection.GROUP -> patients * 3;
            case TimelineProjection.GROUP -> patients * (RebuildBenchEvents.EVENTS_PER_PATIENT - 3);
            default -> total;
        };
    }
}
