package org.hiehub.command.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;
import org.hiehub.api.identity.Demographics;
import org.hiehub.api.identity.LinkMethod;
import org.hiehub.api.identity.MasterPatientId;
import org.hiehub.api.identity.SourceRecordId;
import org.hiehub.command.identity.registration.PatientRegistration;
import org.hiehub.command.identity.registration.Registration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Command API of the identity context. Every answer carries the event-log {@code position} a client passes to
 * the read API ({@code minPosition}) to read its own writes.
 */
@RestController
@RequestMapping("/api/source-records")
public class SourceRecordController {

    private final PatientRegistration registration;

    public SourceRecordController(PatientRegistration registration) {
        this.registration = registration;
    }

    /** Register a source's patient, or update its demographics when the source sent it before. */
    @PostMapping
    public ResponseEntity<Registration> register(@Valid @RequestBody RegisterRequest request) {
        Registration result = registration.register(request.sourceSystem(), request.localId(),
                request.demographics() == null ? Demographics.empty() : request.demographics());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result);
    }

    /** Link to the given master patient, or to a new one when {@code masterPatientId} is absent. */
    @PostMapping("/{sourceRecordId}/link")
    public Registration link(@PathVariable String sourceRecordId, @Valid @RequestBody LinkRequest request) {
        return registration.link(SourceRecordId.of(sourceRecordId),
                Optional.ofNullable(request.masterPatientId()).filter(s -> !s.isBlank()).map(MasterPatientId::of),
                request.confidence(), request.method());
    }

    @PostMapping("/{sourceRecordId}/unlink")
    public CommandReceipt unlink(@PathVariable String sourceRecordId, @Valid @RequestBody UnlinkRequest request) {
        return new CommandReceipt(registration.unlink(SourceRecordId.of(sourceRecordId), request.reason()));
    }

    public record RegisterRequest(@NotBlank String sourceSystem, @NotBlank String localId, Demographics demographics) {
    }

    public record LinkRequest(String masterPatientId, @NotNull @Min(0) @Max(100) Integer confidence,
                              @NotNull LinkMethod method) {
    }

    public record UnlinkRequest(@NotBlank String reason) {
    }

    public record CommandReceipt(long position) {
    }
}
