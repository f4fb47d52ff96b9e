package org.hiehub.hub.cli.replay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code replay status}: per processor position, head, lag, segments, replaying, live and building version. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show every streaming processor's status.")
public final class StatusCommand implements Callable<Integer> {

    private static final String ROW = "%-22s %8s %10s %10s %8s %9s %5s %8s  %s%n";
    @Mixin
    HubConnection connection = new HubConnection();
    /** Settings for a hub started here (--standalone): the same as the hub's, e.g. --spring.datasource.url=… */
    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
        try (RebuildClient client = connection.open(System.err, springArgs)) {
            // the same shape from either client: a running hub's JSON, or the records of one started here
            List<Map<String, Object>> status = new ObjectMapper().convertValue(client.status(),
                    new TypeReference<>() {
                    });
            System.out.printf(ROW, "PROCESSOR", "SEGMENTS", "POSITION", "HEAD", "LAG", "REPLAYING", "LIVE",
                    "BUILDING", "REBUILD");
            for (Map<String, Object> p : status) {
                System.out.printf(ROW, p.get("processor"), p.get("segments"), p.get("position"), p.get("head"),
                        p.get("lag"), p.get("replaying"), text(p.get("liveVersion")), text(p.get("buildingVersion")),
                        rebuild(p.get("rebuild")));
            }
            return 0;
        }
    }

    private static String text(Object value) {
        return value == null ? "-" : "v" + value;
    }

    private static String rebuild(Object rebuild) {
        if (!(rebuild instanceof Map<?, ?> r) || r.get("building") == null) {
            return "";
        }
        return r.get("state") + " " + r.get("processed") + "/" + r.get("total")
                + (Boolean.TRUE.equals(r.get("caughtUp")) ? " caught up" : "");
    }
}
