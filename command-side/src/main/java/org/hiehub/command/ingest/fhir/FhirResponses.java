package org.hiehub.command.ingest.fhir;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hiehub.api.ingestion.QualityAssessment;
import org.hiehub.command.ingest.IngestOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The FHIR answers of the ingest endpoints: a transaction-response or batch-response Bundle with one entry per
 * request entry, or an OperationOutcome. Diagnostics carry the pipeline's reasons, which never quote values.
 */
final class FhirResponses {

    private FhirResponses() {
    }

    /**
     * {@code locations}: Patient entry index to the master patient it belongs to, the one place a location is
     * meaningful (the hub gives facts no FHIR ids of their own; the raw payload keeps the rest).
     */
    static Bundle entryResponses(EntryOutline outline, boolean duplicate, Map<Integer, String> locations) {
        Bundle.BundleType type = "batch".equals(outline.bundleType())
                ? Bundle.BundleType.BATCHRESPONSE : Bundle.BundleType.TRANSACTIONRESPONSE;
        Bundle response = new Bundle().setType(type);
        List<EntryOutline.Line> lines = outline.lines();
        for (int i = 0; i < lines.size(); i++) {
            EntryOutline.Line line = lines.get(i);
            Bundle.BundleEntryResponseComponent answer = response.addEntry().getResponse();
            if (line.refusal() != null) {
                EntryRefusal refusal = line.refusal();
                answer.setStatus(refusal.status());
                answer.setOutcome(outcome(IssueSeverity.ERROR, switch (refusal.tableCode()) {
                    case 101 -> IssueType.REQUIRED;
                    case 200 -> IssueType.NOTSUPPORTED;
                    default -> IssueType.INVALID;
                }, refusal.location(), refusal.reason()));
                continue;
            }
            answer.setStatus(duplicate || line.existing() ? "200 OK" : "201 Created");
            if (locations.containsKey(i)) {
                answer.setLocation("Patient/" + locations.get(i));
            }
            if (!line.mapped()) {
                answer.setOutcome(outcome(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null,
                        line.resourceType() + " kept in the raw payload, not mapped"));
            }
        }
        return response;
    }

    /** The collection and NDJSON answer: what was stored, what was only kept, and how it scored. */
    static OperationOutcome stored(IngestOutcome outcome, EntryOutline outline) {
        boolean duplicate = outcome.status() == IngestOutcome.Status.DUPLICATE;
        String summary = duplicate
                ? "already stored earlier as message " + outcome.messageKey() + "; nothing new was written"
                : "stored " + outcome.factCount() + " facts for " + patients(outline) + " from "
                        + outline.resourceCount() + " resources as message " + outcome.messageKey();
        OperationOutcome result = outcome(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null, summary);
        outline.unmappedNotes().forEach(note -> result.addIssue(issue(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null, note)));
        QualityAssessment quality = outcome.quality();
        if (quality != null) {
            IssueSeverity severity = "ACCEPT".equals(quality.band()) ? IssueSeverity.INFORMATION : IssueSeverity.WARNING;
            result.addIssue(issue(severity, IssueType.INFORMATIONAL, null, "data quality " + quality.score() + " ("
                    + quality.band() + ")" + (quality.findings().isEmpty() ? ""
                    : ": " + String.join("; ", quality.findings()))));
        }
        return result;
    }

    /** A body received before with {@code Prefer: respond-async}, whose parts hold its facts. */
    static OperationOutcome receivedInParts(IngestOutcome outcome) {
        return outcome(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null, outcome.reason());
    }

    /** A body taken for ingestion in the background: where to follow it. */
    static OperationOutcome queued(String status) {
        return outcome(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null, "stored; its resources are ingested"
                + " in the background, in parts of whole patients; progress and each part's outcome at " + status);
    }

    static OperationOutcome refused(IngestOutcome outcome, IssueType type) {
        String diagnostics = outcome.reason() + (outcome.deadLetterId() == null ? ""
                : " (kept as dead letter " + outcome.deadLetterId() + ")");
        return outcome(IssueSeverity.ERROR, type, outcome.location(), diagnostics);
    }

    static OperationOutcome error(IssueType type, String expression, String diagnostics) {
        return outcome(IssueSeverity.ERROR, type, expression, diagnostics);
    }

    private static String patients(EntryOutline outline) {
        long sent = outline.lines().stream().filter(l -> l.patient() != null).map(EntryOutline.Line::patient)
                .collect(Collectors.toSet()).size();
        int earlier = outline.earlierPatients().size();
        return (sent + earlier) + " patient(s)" + (earlier == 0 ? "" : " (" + earlier + " sent earlier)");
    }

    private static OperationOutcome outcome(IssueSeverity severity, IssueType type, String expression,
                                            String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue(issue(severity, type, expression, diagnostics));
        return outcome;
    }

    private static OperationOutcome.OperationOutcomeIssueComponent issue(IssueSeverity severity, IssueType type,
                                                                       String expression, String diagnostics) {
        OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent()
                .setSeverity(severity).setCode(type).setDiagnostics(diagnostics);
        if (expression != null) {
            issue.addExpression(expression);
        }
        return issue;
    }
}
