package org.hiehub.command.identity.steward;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data steward's commands. The review queue to work from is served by the read API
 * ({@code GET /api/mpi/review}). {@code steward} names who decided until authentication provides it.
 */
@RestController
@RequestMapping("/api/mpi")
public class StewardController {

    private final StewardActions actions;

    public StewardController(StewardActions actions) {
        this.actions = actions;
    }

    @PostMapping("/links/confirm")
    public Receipt confirm(@Valid @RequestBody PairDecision decision) {
        return new Receipt(actions.confirm(SourceRecordId.of(decision.sourceRecordId()),
                MasterPatientId.of(decision.masterPatientId()), decision.steward()));
    }

    @PostMapping("/links/reject")
    public Receipt reject(@Valid @RequestBody PairDecision decision) {
        return new Receipt(actions.reject(SourceRecordId.of(decision.sourceRecordId()),
                MasterPatientId.of(decision.masterPatientId()), decision.steward(), decision.reason()));
    }

    @PostMapping("/patients/{survivor}/merge")
    public Receipt merge(@PathVariable String survivor, @Valid @RequestBody MergeRequest request) {
        return new Receipt(actions.merge(MasterPatientId.of(request.retiredPatientId()), MasterPatientId.of(survivor),
                request.steward(), request.reason()));
    }

    @PostMapping("/source-records/{sourceRecordId}/unmerge")
    public Receipt unmerge(@PathVariable String sourceRecordId, @Valid @RequestBody Reason request) {
        return new Receipt(actions.unmerge(SourceRecordId.of(sourceRecordId), request.steward(), request.reason()));
    }

    public record PairDecision(@NotBlank String sourceRecordId, @NotBlank String masterPatientId,
                               @NotBlank String steward, String reason) {
    }

    public record MergeRequest(@NotBlank String retiredPatientId, @NotBlank String steward, @NotBlank String reason) {
    }

    public record Reason(@NotBlank String steward, @NotBlank String reason) {
    }

    public record Receipt(long position) {
    }
}
