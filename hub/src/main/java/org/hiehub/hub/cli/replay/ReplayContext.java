package org.hiehub.hub.cli.replay;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.hiehub.hub.HubApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub's services for one replay command. Started alone it is the hub's own configuration (same storage
 * settings, same serializer and keys) with {@code hub.roles=replay}: no web server, no command handling, no
 * projection processing — only the event store and the replay services.
 */
public interface ReplayContext extends AutoCloseable {

    <T> T bean(Class<T> type);

    @Override
    void close();

    /** How a subcommand gets its context: started here, or the running one in tests. */
    @FunctionalInterface
    interface Factory {
        ReplayContext open(List<String> hubSettings);
    }

    static ReplayContext of(ApplicationContext context) {
        return new ReplayContext() {
            @Override
            public <T> T bean(Class<T> type) {
                return context.getBean(type);
            }

            @Override
            public void close() {
                // not ours to close
            }
        };
    }

    static ReplayContext start(List<String> hubSettings) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        // Command output (NDJSON, tables) owns stdout; the hub's log lines go to stderr so pipes stay clean.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        // As command-line arguments, the strongest property source: application.yml names every role, and a
        // replay command must never start projections, the MLLP listener or the event-chain processor.
        List<String> args = new ArrayList<>(List.of("--hub.roles=replay", "--logging.level.root=WARN"));
        args.addAll(hubSettings);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HubApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(args.toArray(String[]::new));
        return new ReplayContext() {
            @Override
            public <T> T bean(Class<T> type) {
                return context.getBean(type);
            }

            @Override
            public void close() {
                context.close();
                System.setOut(stdout);
            }
        };
    }
}
