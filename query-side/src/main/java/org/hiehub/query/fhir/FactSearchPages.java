package org.hiehub.query.fhir;

import java.util.List;
import java.util.function.Predicate;
import org.bson.Document;
import org.hiehub.projections.timeline.TimelineKeys;
import org.hiehub.query.timeline.TimelineQuery;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A FHIR search over one patient's facts of one type: newest first, {@code _count} per page (default
 * {@value #DEFAULT_COUNT}, at most {@value TimelineQuery#MAX_LIMIT}), pages keyed on the timeline order through an
 * opaque {@code _cursor} as {@code $everything}'s are, with {@code self} and {@code next} links. One searchset held
 * every match before: 79 MB for the observations of a patient with 150,000 results.
 */
final class FactSearchPages {

    /** {@code _count} when none is given, for every paged answer of the facade ($everything too). */
    static final String DEFAULT_COUNT = "50";

    private FactSearchPages() {
    }

    static Bundle page(PatientFacts facts, Document summary, String entryType, String resourceType, String code,
                       List<String> dates, int count, String cursor, String total) {
        if (count < 1) {
            throw new IllegalArgumentException("_count must be positive");
        }
        Predicate<TimelineKeys.Key> matching = FactSearch.matching(code, dates);
        String masterPatientId = summary.getString("masterPatientId");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        TimelineQuery.Page page;
        if (counted(total)) {
            TimelineQuery.Selection selection = facts.select(summary, List.of(entryType)).whereKey(matching);
            page = facts.page(selection, count, cursor);
            bundle.setTotal(selection.total());
        } else {
            // no total: the page alone is read, from the days the dates allow
            page = facts.page(summary, FactSearch.span(entryType, dates), matching, count, cursor);
        }
        bundle.addLink().setRelation("self").setUrl(ServletUriComponentsBuilder.fromCurrentRequest().toUriString());
        page.entries().forEach(entry -> FactResources.toResource(entry, masterPatientId).ifPresent(r -> bundle
                .addEntry().setFullUrl(resourceType + "/" + r.getIdElement().getIdPart()).setResource(r).getSearch()
                .setMode(Bundle.SearchEntryMode.MATCH)));
        addNext(bundle, page.nextCursor());
        return bundle;
    }

    /**
     * FHIR's {@code _total}: {@code accurate} (the default) and {@code estimate} count every match; {@code none}
     * leaves Bundle.total out, and a search of a patient with 150,000 results then reads only its page.
     */
    private static boolean counted(String total) {
        return switch (total == null ? "accurate" : total) {
            case "accurate", "estimate" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("_total must be none, estimate or accurate");
        };
    }

    /**
     * The {@code next} link of a paged searchset: this request with the next page's {@code _cursor}, and without
     * {@code minPosition} (the page it leads to is read at whatever the views hold then).
     */
    static void addNext(Bundle bundle, String cursor) {
        if (cursor != null) {
            bundle.addLink().setRelation("next").setUrl(ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("_cursor", cursor).replaceQueryParam("minPosition").toUriString());
        }
    }
}
