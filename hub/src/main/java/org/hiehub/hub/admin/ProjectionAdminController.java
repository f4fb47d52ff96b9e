package org.hiehub.hub.admin;

import java.util.List;
import org.bson.Document;
import org.hiehub.projections.status.ProjectionStatus;
import org.hiehub.replay.rebuild.ProjectionRebuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the projections running in this process: status and rebuild from the event log. */
@RestController
@RequestMapping("/api/admin/projections")
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('projections')")
public class ProjectionAdminController {

    private final ProjectionRebuilder rebuilder;
    private final ProjectionStatus status;

    public ProjectionAdminController(ProjectionRebuilder rebuilder, ProjectionStatus status) {
        this.rebuilder = rebuilder;
        this.status = status;
    }

    @GetMapping
    public List<Document> status() {
        return status.all();
    }

    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Document rebuild(@PathVariable String name) {
        rebuilder.rebuild(name);
        return new Document("projection", name).append("state", "rebuilding");
    }

    @ExceptionHandler(ProjectionRebuilder.UnknownProjection.class)
    ProblemDetail unknown(ProjectionRebuilder.UnknownProjection e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
