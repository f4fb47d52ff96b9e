package org.hiehub.hub.cli.replay;

import java.io.PrintStream;
import java.util.List;
import org.hiehub.hub.cli.TokenOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code replay rebuild} and {@code replay status} find the hub: a running one through its admin API at
 * {@code --hub} (by default), or, with {@code --standalone} or when none answers, the projections role started in
 * this process on the same stores (pass the hub's settings, e.g. {@code --spring.datasource.url=…}). A picocli
 * mixin.
 */
final class HubConnection {

    @Option(names = "--hub", defaultValue = "http://127.0.0.1:8080",
            description = "a running hub (default ${DEFAULT-VALUE})")
    String hub;
    @Mixin
    TokenOptions tokens = new TokenOptions();
    @Option(names = "--standalone", description = "do not call a hub: start the projections role here")
    boolean standalone;

    RebuildClient open(PrintStream progress, List<String> springArgs) {
        if (!standalone) {
            HttpRebuildClient remote = new HttpRebuildClient(hub, tokens::token);
            if (remote.reachable()) {
                return remote;
            }
            progress.println("no hub answers at " + hub + ": starting the projections role here");
        }
        return new LocalRebuildClient(springArgs);
    }
}
