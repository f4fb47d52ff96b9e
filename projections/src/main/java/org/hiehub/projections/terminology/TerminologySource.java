package org.hiehub.projections.terminology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tables come from: a directory ({@code hub.terminology.dir}) when it holds a {@code current} file,
 * else the version shipped on the classpath under {@code terminology/}. Both have the same layout:
 * {@code current} names the version directory, which holds the three CSV files.
 */
public final class TerminologySource {

    static final String CLASSPATH_ROOT = "terminology/";
    private final Path directory;

    private TerminologySource(Path directory) {
        this.directory = directory;
    }

    public static TerminologySource classpath() {
        return new TerminologySource(null);
    }

    /** A blank path means the classpath. */
    public static TerminologySource directory(String path) {
        return path == null || path.isBlank() ? classpath() : new TerminologySource(Path.of(path));
    }

    TerminologyTables load() {
        String version = read("current").trim();
        return TerminologyTables.parse(version, read(version + "/code-systems.csv"),
                read(version + "/local-codes.csv"), read(version + "/units.csv"));
    }

    private String read(String name) {
        try {
            if (directory != null && Files.exists(directory.resolve("current"))) {
                return Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
            }
            try (InputStream in = TerminologySource.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("terminology table missing on the classpath: " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read terminology table " + name, e);
        }
    }
}
