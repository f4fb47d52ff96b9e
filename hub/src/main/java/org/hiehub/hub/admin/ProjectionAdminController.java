package org.hiehub.hub.admin;

import java.util.List;
import java.util.Map;
import org.hiehub.replay.bluegreen.BlueGreenRebuilder;
import org.hiehub.replay.bluegreen.RebuildProgress;
import org.hiehub.replay.bluegreen.RebuildSettings;
import org.hiehub.replay.rebuild.ProjectionRebuilder;
import org.hiehub.replay.status.ProcessorStatusReport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations on the projections running in this process: status, and rebuilds from the event log — blue/green
 * (a new version built beside the live one, switched to once caught up) where the projection supports it, else in
 * place. What {@code replay rebuild|status} calls against a running hub.
 */
@RestController
@RequestMapping("/api/admin/projections")
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('projections')")
public class ProjectionAdminController {

    private final ProjectionRebuilder inPlace;
    private final BlueGreenRebuilder blueGreen;
    private final ProcessorStatusReport status;
    private final RebuildSettings settings;

    public ProjectionAdminController(ProjectionRebuilder inPlace, BlueGreenRebuilder blueGreen,
                                     ProcessorStatusReport status, RebuildSettings settings) {
        this.inPlace = inPlace;
        this.blueGreen = blueGreen;
        this.status = status;
        this.settings = settings;
    }

    @GetMapping
    public List<Map<String, Object>> status() {
        return status.all();
    }

    /** Starts (or resumes) a blue/green rebuild; {@code mode=in-place} resets the live view instead. */
    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Object rebuild(@PathVariable String name, @RequestParam(defaultValue = "true") boolean autoSwitch,
                          @RequestParam(defaultValue = "blue-green") String mode,
                          @RequestParam(required = false) Integer segments,
                          @RequestParam(required = false) Integer batchSize) {
        if ("in-place".equals(mode) || !blueGreen.rebuildable(name)) {
            inPlace.rebuild(name);
            return Map.of("projection", name, "mode", "in-place", "state", "rebuilding");
        }
        return blueGreen.start(name, autoSwitch, segments == null ? settings.segments() : segments,
                batchSize == null ? settings.batchSize() : batchSize);
    }

    @GetMapping("/{name}/rebuild")
    public RebuildProgress progress(@PathVariable String name) {
        return blueGreen.progress(name);
    }

    /** Interrupts a rebuild; POST .../rebuild resumes it from its stored tokens. */
    @PostMapping("/{name}/rebuild/pause")
    public RebuildProgress pause(@PathVariable String name) {
        return blueGreen.pause(name);
    }

    /** Gives up the version being built: its processor, tokens and collections go. */
    @PostMapping("/{name}/rebuild/abandon")
    public RebuildProgress abandon(@PathVariable String name) {
        return blueGreen.abandon(name);
    }

    /** Switches readers to the version being built; 409 until it has caught up. */
    @PostMapping("/{name}/switch")
    public RebuildProgress switchOver(@PathVariable String name) {
        return blueGreen.switchOver(name);
    }

    /** Drops the collections of the versions readers left at earlier switches. */
    @PostMapping("/{name}/drop-old")
    public Map<String, Object> dropOld(@PathVariable String name) {
        return Map.of("projection", name, "dropped", blueGreen.dropRetired(name));
    }

    @ExceptionHandler({ProjectionRebuilder.UnknownProjection.class, BlueGreenRebuilder.NotRebuildable.class})
    ProblemDetail unknown(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({BlueGreenRebuilder.NotCaughtUp.class, IllegalStateException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
