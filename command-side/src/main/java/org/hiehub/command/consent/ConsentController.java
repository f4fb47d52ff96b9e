package org.hiehub.command.consent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hiehub.api.consent.BreakTheGlass;
import org.hiehub.api.consent.ConsentCommands;
import org.hiehub.api.consent.ConsentProvision;
import org.hiehub.api.consent.EmergencyReason;
import org.hiehub.api.consent.RecordConsentDirective;
import org.hiehub.api.consent.ReviewEmergencyAccess;
import org.hiehub.api.consent.RevokeConsentDirective;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.command.identity.registration.EventPositions;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Consent directives and break-the-glass. The author of each decision is the authenticated caller. The current
 * directives and the break-the-glass review list are served by the read API.
 */
@RestController
public class ConsentController {

    static final Set<String> PURPOSES = Set.of("treatment", "research", "operations");
    private final CommandGateway commands;
    private final EventPositions positions;

    public ConsentController(CommandGateway commands, EventPositions positions) {
        this.commands = commands;
        this.positions = positions;
    }

    @PostMapping("/api/consents/{masterPatientId}/directives")
    @ResponseStatus(HttpStatus.CREATED)
    public Receipt record(@PathVariable String masterPatientId, @Valid @RequestBody DirectiveRequest request) {
        MasterPatientId patient = MasterPatientId.of(masterPatientId);
        List<String> purposes = lower(request.purposes());
        purposes.stream().filter(p -> !PURPOSES.contains(p)).findFirst().ifPresent(p -> {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown purpose '" + p + "'; one of "
                    + PURPOSES);
        });
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordConsentDirective(ConsentCommands.fileOf(patient), patient, id,
                request.provision(), lower(request.categories()), list(request.organizations()), purposes,
                request.effective() == null ? LocalDate.now() : request.effective(), request.expires(),
                CurrentUser.name()));
        return new Receipt(id, positions.head());
    }

    @PostMapping("/api/consents/{masterPatientId}/directives/{directiveId}/revoke")
    public Receipt revoke(@PathVariable String masterPatientId, @PathVariable String directiveId,
                          @Valid @RequestBody Reason request) {
        MasterPatientId patient = MasterPatientId.of(masterPatientId);
        commands.sendAndWait(new RevokeConsentDirective(ConsentCommands.fileOf(patient), patient, directiveId,
                CurrentUser.name(), request.reason()));
        return new Receipt(directiveId, positions.head());
    }

    @PostMapping("/api/break-glass")
    @ResponseStatus(HttpStatus.CREATED)
    public Receipt breakTheGlass(@Valid @RequestBody EmergencyRequest request) {
        MasterPatientId patient = MasterPatientId.of(request.masterPatientId());
        String id = UUID.randomUUID().toString();
        Duration duration = request.duration() == null ? Duration.ofHours(24) : request.duration();
        commands.sendAndWait(new BreakTheGlass(ConsentCommands.fileOf(patient), patient, id, CurrentUser.name(),
                CurrentUser.organization(), request.reason(), request.note(), duration));
        return new Receipt(id, positions.head());
    }

    @PostMapping("/api/break-glass/{accessId}/review")
    public Receipt review(@PathVariable String accessId, @Valid @RequestBody ReviewRequest request) {
        MasterPatientId patient = MasterPatientId.of(request.masterPatientId());
        commands.sendAndWait(new ReviewEmergencyAccess(ConsentCommands.fileOf(patient), patient, accessId,
                CurrentUser.name(), request.justified(), request.comment()));
        return new Receipt(accessId, positions.head());
    }

    private static List<String> lower(List<String> values) {
        return list(values).stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    /**
     * Empty lists mean "all"; a deny with nothing narrowing it is a full opt-out.
     *
     * @param effective default today; {@code expires} is exclusive, {@code null} open-ended
     */
    public record DirectiveRequest(@NotNull ConsentProvision provision, List<String> categories,
                                   List<String> organizations, List<String> purposes, LocalDate effective,
                                   LocalDate expires) {
    }

    public record Reason(@NotBlank String reason) {
    }

    /** @param duration ISO-8601, default PT24H, at most PT72H */
    public record EmergencyRequest(@NotBlank String masterPatientId, @NotNull EmergencyReason reason, String note,
                                   Duration duration) {
    }

    public record ReviewRequest(@NotBlank String masterPatientId, @NotNull Boolean justified, String comment) {
    }

    public record Receipt(String id, long position) {
    }
}
