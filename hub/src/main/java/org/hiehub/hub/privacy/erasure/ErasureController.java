package org.hiehub.hub.privacy.erasure;

import java.util.List;
import java.util.regex.Pattern;
import org.hiehub.api.identity.MasterPatientId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/privacy/erasures} erases a person; {@code GET} lists the erasures. Privacy officers only (see
 * the hub's access policy). The requester is the authenticated user, never a field of the request.
 */
@RestController
@RequestMapping("/api/privacy/erasures")
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('command')") // as its service
public class ErasureController {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:/#-]{1,128}");
    private final ErasureService erasures;

    public ErasureController(ErasureService erasures) {
        this.erasures = erasures;
    }

    @PostMapping
    public ResponseEntity<Object> erase(@RequestBody ErasureRequest request) {
        if (request.masterPatientId() == null || request.masterPatientId().isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "masterPatientId is required");
        }
        if (request.legalBasis() == null || !CODE.matcher(request.legalBasis()).matches()) {
            return problem(HttpStatus.BAD_REQUEST, "legalBasis must be a code (letters, digits, . _ : / -)");
        }
        if (request.requestReference() == null || !REFERENCE.matcher(request.requestReference()).matches()) {
            return problem(HttpStatus.BAD_REQUEST,
                    "requestReference must be the privacy office's case number (letters, digits, . _ : / # -)");
        }
        MasterPatientId patient = MasterPatientId.of(request.masterPatientId().trim());
        var survivor = erasures.survivorOf(patient);
        if (survivor.isPresent()) {
            return problem(HttpStatus.CONFLICT, "master patient " + patient + " was merged into " + survivor.get()
                    + "; erase that one");
        }
        ErasureService.Outcome outcome = erasures.erase(patient, request.legalBasis(), request.requestReference(),
                requester());
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome.erasure());
    }

    @GetMapping
    public List<ErasureRecord> list() {
        return erasures.list();
    }

    @ExceptionHandler(org.axonframework.modelling.command.AggregateNotFoundException.class)
    ResponseEntity<Object> unknown(org.axonframework.modelling.command.AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "no master patient " + e.getAggregateIdentifier());
    }

    private static String requester() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "anonymous" : authentication.getName();
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("Erasure refused");
        return ResponseEntity.status(status).body(problem);
    }
}
