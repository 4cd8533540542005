package org.babylab.runtime.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * SHA-256 digests of plugin code, cached per code location so that each jar or class directory is
 * read once per registry.
 *
 * <p>A jar's digest is the hash of its bytes. A class directory's digest (a plugin's
 * {@code target/classes} during development) covers, in sorted order, each {@code .class} file's
 * relative path and bytes, so recompiling a changed class changes the digest while touching
 * timestamps or adding resources does not. Thread-safe.
 */
public final class CodeDigests {
    private final Map<Path, String> cache = new ConcurrentHashMap<>();

    /**
     * The digest of the code a class was loaded from.
     *
     * @return lower-case hex SHA-256; for a class without a file code source (e.g. defined at run
     *     time) the digest of its name, which at least stays stable between runs
     * @throws UncheckedIOException if the code source cannot be read
     */
    public String of(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return sha256Hex(("class:" + type.getName()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            return of(Path.of(location.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("code source " + location + " of " + type.getName() + " is not a valid file URI", e);
        }
    }

    /** The digest of a jar file or a class directory, computed once per path. */
    public String of(Path codeLocation) {
        Path key = codeLocation.toAbsolutePath().normalize();
        return cache.computeIfAbsent(key, p -> {
            try {
                return Files.isDirectory(p) ? ofDirectory(p) : ofFile(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read plugin code at " + p + " to compute its digest", e);
            }
        });
    }

    /** SHA-256 of a file's bytes, uncached. */
    public static String ofFile(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 over the sorted relative paths and bytes of every {@code .class} file below {@code dir}, uncached. */
    public static String ofDirectory(Path dir) throws IOException {
        List<Path> classes;
        try (Stream<Path> walk = Files.walk(dir)) {
            classes = walk.filter(p -> p.toString().endsWith(".class") && Files.isRegularFile(p))
                    .map(dir::relativize)
                    .sorted((a, b) -> unixPath(a).compareTo(unixPath(b)))
                    .toList();
        }
        MessageDigest md = sha256();
        for (Path relative : classes) {
            byte[] name = unixPath(relative).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] bytes = Files.readAllBytes(dir.resolve(relative));
            // Length prefixes keep (name, bytes) pairs unambiguous: no two different trees can hash
            // the same concatenation.
            md.update(longBytes(name.length));
            md.update(name);
            md.update(longBytes(bytes.length));
            md.update(bytes);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String unixPath(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    private static byte[] longBytes(long v) {
        return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    private static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
