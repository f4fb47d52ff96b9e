package org.hiehub.hub.cli.replay;

import java.util.List;
import java.util.Map;
import org.hiehub.hub.HubApplication;
import org.hiehub.replay.bluegreen.BlueGreenRebuilder;
import org.hiehub.replay.bluegreen.RebuildProgress;
import org.hiehub.replay.bluegreen.RebuildSettings;
import org.hiehub.replay.status.ProcessorStatusReport;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub's projections role started in this process, without web server, command side or query API: for
 * rebuilding when no hub runs. Its event store, token store and read store come from the same settings as the
 * hub's ({@code --spring.datasource.url=…}, {@code --hub.read-store.uri=…}, or the embedded defaults under
 * {@code --hub.data-dir}). Stopping it (Ctrl-C) stops the rebuild after the batch in hand; the next run resumes.
 */
final class LocalRebuildClient implements RebuildClient {

    private final ConfigurableApplicationContext context;
    private final BlueGreenRebuilder rebuilder;
    private final RebuildSettings settings;

    LocalRebuildClient(List<String> springArgs) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        this.context = new SpringApplicationBuilder(HubApplication.class)
                .web(WebApplicationType.NONE)
                .properties("hub.roles=projections", "spring.main.banner-mode=off",
                        "logging.level.root=WARN", "logging.level.org.hiehub=WARN")
                .run(springArgs.toArray(String[]::new));
        this.rebuilder = context.getBean(BlueGreenRebuilder.class);
        this.settings = context.getBean(RebuildSettings.class);
    }

    @Override
    public List<Map<String, Object>> status() {
        return context.getBean(ProcessorStatusReport.class).all();
    }

    @Override
    public List<String> rebuildable() {
        return rebuilder.rebuildableProjections();
    }

    @Override
    public RebuildProgress start(String projection, boolean autoSwitch, Integer segments, Integer batchSize) {
        return rebuilder.start(projection, autoSwitch, segments == null ? settings.segments() : segments,
                batchSize == null ? settings.batchSize() : batchSize);
    }

    @Override
    public RebuildProgress progress(String projection) {
        return rebuilder.progress(projection);
    }

    @Override
    public RebuildProgress switchOver(String projection) {
        return rebuilder.switchOver(projection);
    }

    @Override
    public List<String> dropOld(String projection) {
        return rebuilder.dropRetired(projection);
    }

    @Override
    public void close() {
        context.close();
    }
}
