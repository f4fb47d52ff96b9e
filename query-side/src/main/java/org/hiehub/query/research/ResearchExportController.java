package org.hiehub.query.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/research/export?format=ndjson|csv}: the de-identified data set (HIPAA Safe Harbor), researchers
 * only (see the hub's access policy). NDJSON has one person per line with their facts; CSV one fact per row, the
 * person's columns repeated (a person without facts gets one row with empty fact columns). Streamed, so the size of
 * the hub does not bound the response.
 */
@RestController
public class ResearchExportController {

    static final List<String> CSV_COLUMNS = List.of("study_id", "sex", "birth_year", "age_band", "zip3", "fact_type",
            "code_system", "code", "display", "value", "unit", "abnormal_flag", "date_shifted");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ResearchExport export;
    private final Clock clock;

    public ResearchExportController(ResearchExport export) {
        this.export = export;
        this.clock = Clock.systemUTC();
    }

    @GetMapping("/api/research/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "ndjson") String format) {
        LocalDate today = LocalDate.now(clock);
        return switch (format) {
            case "ndjson" -> ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=research-export.ndjson")
                    .body(stream(out -> export.export(today, subject -> write(out, json(subject) + "\n"))));
            case "csv" -> ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=research-export.csv")
                    .body(stream(out -> {
                        write(out, String.join(",", CSV_COLUMNS) + "\n");
                        export.export(today, subject -> write(out, csv(subject)));
                    }));
            default -> throw new UnknownFormat();
        };
    }

    @ExceptionHandler(UnknownFormat.class)
    ResponseEntity<ProblemDetail> unknownFormat() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "format must be ndjson or csv");
        problem.setTitle("Unknown export format");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static class UnknownFormat extends RuntimeException {
    }

    private static StreamingResponseBody stream(java.util.function.Consumer<Writer> body) {
        return output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            body.accept(out);
            out.flush();
        };
    }

    private static String json(ResearchExport.StudySubject subject) {
        try {
            return JSON.writeValueAsString(subject);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(ResearchExport.StudySubject s) {
        String person = row(s.studyId(), s.sex(), s.birthYear(), s.ageBand(), s.zip3());
        if (s.facts().isEmpty()) {
            return person + ",,,,,,,," + "\n";
        }
        return s.facts().stream().map(f -> person + "," + row(f.type(), f.system(), f.code(), f.display(), f.value(),
                f.unit(), f.abnormalFlag(), f.date()) + "\n").collect(Collectors.joining());
    }

    private static String row(Object... values) {
        return Arrays.stream(values).map(v -> v == null ? "" : quoted(v.toString())).collect(Collectors.joining(","));
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    private static String quoted(String value) {
        boolean plain = value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? value : '"' + value.replace("\"", "\"\"") + '"';
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
