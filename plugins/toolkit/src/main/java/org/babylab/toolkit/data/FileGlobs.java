package org.babylab.toolkit.data;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the glob patterns of a dataset config into files, the same way for every dataset plugin
 * (so `paths:` means one thing across plugins).
 *
 * <p>Patterns use {@link FileSystem#getPathMatcher} glob syntax ({@code *}, {@code ?}, {@code [..]},
 * {@code {a,b}}, {@code **}), resolved against a base directory unless absolute. One difference: the
 * JDK's {@code **}{@code /} needs at least one directory, but users write {@code corpus/**}{@code /*.txt}
 * expecting {@code corpus/a.txt} too (as in gitignore and most build tools), so each {@code **}{@code /}
 * here also matches no directory at all.
 *
 * <p>Stateless and thread-safe.
 */
public final class FileGlobs {
    private static final String GLOB_CHARS = "*?[{";
    /** Beyond this many {@code **}{@code /} the zero-directory variants are not enumerated (2^n matchers). */
    private static final int MAX_EXPANDED_DOUBLE_STARS = 6;

    private FileGlobs() {}

    /**
     * The files every pattern matches: each pattern's matches sorted by path, patterns in the order
     * given, a file matched by two patterns listed once (where it first appears).
     *
     * @throws NoSuchFileException naming the pattern and the directory searched when a pattern matches no
     *     regular file
     * @throws IOException when a plain path names a directory
     */
    public static List<Path> expand(List<String> patterns, Path baseDir) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (String pattern : patterns) {
            files.addAll(expand(pattern, baseDir));
        }
        return List.copyOf(files);
    }

    /** The sorted regular files one pattern matches; see {@link #expand(List, Path)}. */
    public static List<Path> expand(String pattern, Path baseDir) throws IOException {
        String[] segments = pattern.split("/", -1);
        int firstGlob = 0;
        while (firstGlob < segments.length && !hasGlobChar(segments[firstGlob])) {
            firstGlob++;
        }
        if (firstGlob == segments.length) {
            return literal(pattern, baseDir);
        }
        String prefix = String.join("/", List.of(segments).subList(0, firstGlob));
        String rest = String.join("/", List.of(segments).subList(firstGlob, segments.length));
        Path root = (prefix.isEmpty() && pattern.startsWith("/")
                        ? Path.of("/")
                        : baseDir.resolve(prefix.isEmpty() ? "." : prefix))
                .toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException("pattern '" + pattern + "' matched no file: directory " + root
                    + " does not exist" + " (relative patterns are resolved against "
                    + baseDir.toAbsolutePath().normalize() + ")");
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (String variant : zeroDirectoryVariants(rest)) {
            matchers.add(root.getFileSystem().getPathMatcher("glob:" + variant));
        }
        // Without '**' a pattern of n segments can only match at depth n, so the walk stops there.
        int maxDepth = rest.contains("**") ? Integer.MAX_VALUE : segments.length - firstGlob;
        List<Path> matched;
        try (Stream<Path> walk = Files.walk(root, maxDepth)) {
            matched = walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        Path relative = root.relativize(p);
                        return matchers.stream().anyMatch(m -> m.matches(relative));
                    })
                    .sorted()
                    .toList();
        }
        if (matched.isEmpty()) {
            throw new NoSuchFileException("pattern '" + pattern + "' matched no file under " + root);
        }
        return matched;
    }

    private static List<Path> literal(String pattern, Path baseDir) throws IOException {
        Path file = baseDir.resolve(pattern).toAbsolutePath().normalize();
        if (Files.isRegularFile(file)) {
            return List.of(file);
        }
        if (Files.isDirectory(file)) {
            throw new IOException("path '" + pattern + "' is the directory " + file + "; write '"
                    + pattern.replaceAll("/+$", "") + "/**' to read every file below it");
        }
        throw new NoSuchFileException("path '" + pattern + "' matched no file: " + file + " does not exist"
                + " (relative paths are resolved against "
                + baseDir.toAbsolutePath().normalize() + ")");
    }

    private static boolean hasGlobChar(String segment) {
        return segment.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
    }

    /** {@code glob} plus every variant with some of its {@code **}{@code /} removed. */
    static List<String> zeroDirectoryVariants(String glob) {
        List<String> variants = new ArrayList<>(List.of(glob));
        int count = 0;
        for (int i = glob.indexOf("**/"); i >= 0 && count < MAX_EXPANDED_DOUBLE_STARS; i = glob.indexOf("**/", i + 3)) {
            count++;
            List<String> more = new ArrayList<>();
            for (String v : variants) {
                // Offsets shift as earlier occurrences are removed; count from the end instead.
                int fromEnd = glob.length() - i;
                int at = v.length() - fromEnd;
                if (at >= 0 && v.startsWith("**/", at)) {
                    more.add(v.substring(0, at) + v.substring(at + 3));
                }
            }
            variants.addAll(more);
        }
        return variants;
    }
}
