package org.babylab.toolkit.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Resolves a data path from config to the files it names: a file, a directory (its files with one
 * of the given extensions, not recursive), or a glob such as {@code eval/*.jsonl}, expanded by
 * {@link FileGlobs} exactly as datasets' {@code paths} are. Results are sorted by path
 * so every run reads files in the same order. Stateless.
 */
public final class DataFiles {
    private DataFiles() {}

    /**
     * The files {@code spec} names.
     *
     * @param spec a path from config, relative to {@code baseDir} unless absolute
     * @param baseDir the directory of the declaring YAML file
     * @param extensions accepted endings for directory listings and globs, e.g. {@code ".jsonl"}; a
     *     single file is taken whatever its name
     * @throws IOException naming the path when it does not exist or names no file
     */
    public static List<Path> resolve(String spec, Path baseDir, String... extensions) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("path is empty; expected a file, a directory or a glob");
        }
        if (isGlob(spec)) {
            return FileGlobs.expand(spec, baseDir);
        }
        Path p = baseDir.resolve(spec).normalize();
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            throw new NoSuchFileException(p.toString(), null, "no such file or directory (path: " + spec + ")");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(p)) {
            files = s.filter(Files::isRegularFile)
                    .filter(f -> hasExtension(f, extensions))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new NoSuchFileException(
                    p.toString(), null, "directory holds no " + String.join("/", extensions) + " file");
        }
        return files;
    }

    private static boolean isGlob(String spec) {
        return spec.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static boolean hasExtension(Path f, String... extensions) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String e : extensions) {
            if (name.endsWith(e)) {
                return true;
            }
        }
        return extensions.length == 0;
    }

    /** The file name without its last extension, e.g. {@code hypernym} for {@code a/hypernym.jsonl}. */
    public static String stem(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
