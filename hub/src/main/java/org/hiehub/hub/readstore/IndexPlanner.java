package org.hiehub.hub.readstore;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Chooses how the embedded read store answers a query, as MongoDB would: through an index whose fields the query
 * names, checking only the rest of the filter on the documents it yields. The library alone uses an index only when
 * its keys are exactly the query's, so a conditional write such as {@code {_id: X, _rev: 3}} scanned the whole
 * collection, and it re-checked {@code _id $in [n ids]} on each of the n documents by normalizing the whole list
 * again: n² work for the batched reads the projections make.
 */
final class IndexPlanner {

    private IndexPlanner() {
    }

    /**
     * @param candidates the documents the index yields
     * @param rest what remains to be checked on them: fields the index answered exactly (equality, {@code $in})
     *             are dropped
     */
    record Plan<P>(Iterable<P> candidates, Document rest) {
    }

    /**
     * Answers a collection's query: through an index when one serves it ({@code match} checks the rest on the
     * documents it yields), else from the documents {@code inIdOrder} yields when it can (a limited read sorted by
     * {@code _id}, see {@link H2IdIndex#firstInIdOrder}), else by the store's own scan, which is logged when the
     * collection is large.
     */
    static <P> QueryResult answer(List<Index<P>> indexes, Document query, String collection, int documents,
                                  Supplier<Iterable<P>> inIdOrder, Supplier<QueryResult> scan,
                                  BiFunction<Document, Iterable<P>, QueryResult> match) {
        Plan<P> plan = plan(indexes, query);
        if (plan == null) {
            Iterable<P> ordered = inIdOrder.get();
            if (ordered != null) {
                return match.apply(query, ordered);
            }
            ScanWarnings.scanning(collection, query, documents);
            return scan.get();
        }
        return match.apply(plan.rest(), plan.candidates());
    }

    /**
     * How many of a collection's {@code documents} a scan for {@code query} reads: all of them, except for a filter
     * that names nothing, unsorted and limited (such as the first document of a collection), which the library's
     * scan stops reading once it has {@code skip + limit}.
     */
    static int scanned(Document query, Document orderBy, int skip, int limit, int documents) {
        boolean stopsEarly = query.isEmpty() && (orderBy == null || orderBy.isEmpty()) && limit > 0;
        return stopsEarly ? (int) Math.min(documents, (long) skip + limit) : documents;
    }

    /** How to answer {@code query} through an index, or {@code null} when none serves it (a scan). */
    static <P> Plan<P> plan(List<Index<P>> indexes, Document filter) {
        Document query = flatten(filter);
        Document indexable = withElementFields(query);
        Index<P> best = null;
        Document bestPart = null;
        for (Index<P> index : indexes) {
            List<String> keys = index.getKeys().stream().map(IndexKey::getKey).toList();
            if (!indexable.keySet().containsAll(keys) || acrossElements(keys, query)) {
                continue;
            }
            Document part = new Document();
            keys.forEach(key -> part.put(key, indexable.get(key)));
            if (index.canHandle(part) && (best == null || index.isUnique() && !best.isUnique())) {
                best = index;
                bestPart = part;
            }
        }
        if (best == null) {
            return eitherOf(indexes, query);
        }
        Document rest = new Document(query);
        bestPart.forEach((key, value) -> {
            if (isExact(value)) {
                rest.remove(key);
            }
        });
        return new Plan<>(best.getPositions(bestPart), rest);
    }

    /**
     * An {@code $or} whose every branch an index serves, as MongoDB answers it: the union of what each branch's index
     * yields, with the whole filter checked on each document. {@code null} when a branch would need a scan.
     */
    private static <P> Plan<P> eitherOf(List<Index<P>> indexes, Document query) {
        if (!(query.get("$or") instanceof List<?> branches) || branches.isEmpty()) {
            return null;
        }
        Set<P> candidates = new LinkedHashSet<>();
        for (Object branch : branches) {
            Plan<P> plan = branch instanceof Document filter ? plan(indexes, filter) : null;
            if (plan == null) {
                return null;
            }
            plan.candidates().forEach(candidates::add);
        }
        return new Plan<>(candidates, query);
    }

    /**
     * Whether {@code query} would read an index over several fields of one array across that array's elements: the
     * library keys such an index per element, as MongoDB does, so {@code {a.x: 1, a.y: 2}}, which a document
     * matches with 1 and 2 in different elements, is not found through it. Only an {@code $elemMatch}, which wants
     * both in one element, may use it.
     */
    private static boolean acrossElements(List<String> keys, Document query) {
        Set<String> arrays = new HashSet<>();
        for (String key : keys) {
            int dot = key.lastIndexOf('.');
            if (dot > 0 && !arrays.add(key.substring(0, dot))) {
                return keys.stream().anyMatch(query::containsKey);
            }
        }
        return false;
    }

    /**
     * The filter with, for each {@code {array: {$elemMatch: {field: value, …}}}}, the plain values it names as
     * {@code array.field: value}, as MongoDB reads an element match against a multikey index: the hub finds a patient
     * by {@code identifiers $elemMatch {system, value}}, which named no indexed field, so every search by identifier
     * scanned all patient summaries. Any document with such an element has those key values, so the index (keyed per
     * element) yields them; the {@code $elemMatch} itself stays in the filter's rest and is checked on each
     * candidate.
     */
    static Document withElementFields(Document query) {
        Document extended = null;
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (!(entry.getValue() instanceof Document operator) || operator.size() != 1
                    || !(operator.get("$elemMatch") instanceof Document element)) {
                continue;
            }
            for (Map.Entry<String, Object> field : flatten(element).entrySet()) {
                String key = entry.getKey() + "." + field.getKey();
                if (!field.getKey().startsWith("$") && isExact(field.getValue()) && !query.containsKey(key)) {
                    if (extended == null) {
                        extended = new Document(query);
                    }
                    extended.put(key, field.getValue());
                }
            }
        }
        return extended == null ? query : extended;
    }

    /**
     * The same filter with the conjuncts of a top-level {@code $and} lifted to the top where their fields do not
     * collide: the driver's {@code Filters.and(eq("_id", x), eq("_rev", n))} arrives as {@code $and}, which named no
     * field at the top, so every such conditional write scanned its whole collection. A document's fields are
     * themselves a conjunction, so the lifted filter matches exactly the same documents.
     */
    static Document flatten(Document query) {
        if (!(query.get("$and") instanceof List<?> conjuncts)) {
            return query;
        }
        Document flat = new Document(query);
        flat.remove("$and");
        List<Object> kept = new ArrayList<>();
        for (Object conjunct : conjuncts) {
            Document part = conjunct instanceof Document d ? flatten(d) : null;
            if (part != null && part.keySet().stream().noneMatch(flat::containsKey)) {
                flat.putAll(part);
            } else {
                kept.add(conjunct);
            }
        }
        if (!kept.isEmpty()) {
            flat.put("$and", kept);
        }
        return flat;
    }

    /** Equality on a plain value, or {@code $in}: what an index lookup answers exactly. */
    private static boolean isExact(Object value) {
        if (value instanceof Document operator) {
            return operator.size() == 1 && operator.get("$in") instanceof List;
        }
        return value != null && !(value instanceof List); // a Document value is an operator or a sub-document
    }
}
