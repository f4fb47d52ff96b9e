package org.hiehub.query.terminology;

import org.bson.Document;
import org.hiehub.projections.terminology.Terminology;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The terminology tables in use by this process's projections. A reload applies to what projections handle from
 * then on; views already built keep the version they record until their projection is rebuilt
 * ({@code POST /api/admin/projections/{name}/rebuild}).
 */
@RestController
@RequestMapping("/api/admin/terminology")
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('projections')")
public class TerminologyAdminController {

    private final Terminology terminology;

    public TerminologyAdminController(Terminology terminology) {
        this.terminology = terminology;
    }

    @GetMapping
    public Document current() {
        return new Document("version", terminology.version());
    }

    @PostMapping("/reload")
    public Document reload() {
        return new Document("version", terminology.reload());
    }
}
