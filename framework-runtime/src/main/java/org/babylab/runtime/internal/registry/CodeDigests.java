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
 * <p>The digest is of what the classes are, not of how they were packaged: in sorted order, each
 * {@code .class} file's relative path (its entry name in a jar) and bytes, length-prefixed. So a
 * plugin jar rebuilt from unchanged sources (new entry timestamps, a new manifest, another entry
 * order: a jar's bytes differ on every build) keeps its digest and its cached steps, a changed class
 * changes it, and a jar and the class directory it was packaged from (a plugin's
 * {@code target/classes} during development) have the same digest. Resources are not covered: a
 * plugin whose results depend on a bundled resource bumps its factory's {@code version()} when the
 * resource changes. javac output depends only on the sources and the compiler, so this holds as long
 * as the same JDK compiles. Thread-safe.
 */
public final class CodeDigests {
    /**
     * A resource only the plugin toolkit's jar (or class directory) holds. Plugins on the class path
     * (the built-in ones) share one toolkit outside their own jars, so their digest covers its classes
     * too: the toolkit's scoring is part of what an evaluator computes.
     */
    public static final String TOOLKIT_MARKER = "META-INF/babylab/plugin-toolkit.properties";

    private final Map<Path, String> cache = new ConcurrentHashMap<>();

    /**
     * The digest of the code a class was loaded from, combined with the plugin toolkit's when the
     * class's loader sees a toolkit ({@link #TOOLKIT_MARKER}) at another location.
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
        Path own;
        try {
            own = Path.of(location.toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(
                    "code source " + location + " of " + type.getName() + " is not a valid file URI", e);
        }
        String digest = of(own);
        Path toolkit = toolkitLocation(type.getClassLoader());
        if (toolkit == null || toolkit.equals(own)) {
            return digest;
        }
        return sha256Hex((digest + "+toolkit:" + of(toolkit)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The jar or class directory holding {@link #TOOLKIT_MARKER} as {@code loader} sees it, or null. */
    static Path toolkitLocation(ClassLoader loader) {
        URL marker = loader == null ? null : loader.getResource(TOOLKIT_MARKER);
        if (marker == null) {
            return null;
        }
        try {
            if ("jar".equals(marker.getProtocol())) {
                String spec = marker.getPath(); // file:/.../x.jar!/META-INF/...
                int bang = spec.indexOf("!/");
                return bang < 0
                        ? null
                        : Path.of(new java.net.URI(spec.substring(0, bang)))
                                .toAbsolutePath()
                                .normalize();
            }
            if ("file".equals(marker.getProtocol())) {
                Path file = Path.of(marker.toURI());
                return file.getParent().getParent().getParent().toAbsolutePath().normalize(); // above META-INF/babylab/
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "cannot locate the plugin toolkit from " + marker + ": " + e.getMessage(), e);
        }
        return null;
    }

    /** The digest of a jar file or a class directory, computed once per path. */
    public String of(Path codeLocation) {
        Path key = codeLocation.toAbsolutePath().normalize();
        return cache.computeIfAbsent(key, p -> {
            try {
                return Files.isDirectory(p) ? ofDirectory(p) : ofJar(p);
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
            update(md, unixPath(relative), Files.readAllBytes(dir.resolve(relative)));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * SHA-256 over the sorted names and bytes of every {@code .class} entry of a jar, uncached: the
     * same value as {@link #ofDirectory} of the directory it was packaged from.
     *
     * @throws IOException if the file is not a readable zip
     */
    public static String ofJar(Path jar) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            List<java.util.zip.ZipEntry> classes = zip.stream()
                    .filter(e -> !e.isDirectory() && e.getName().endsWith(".class"))
                    .sorted(java.util.Comparator.comparing(java.util.zip.ZipEntry::getName))
                    .map(e -> (java.util.zip.ZipEntry) e)
                    .toList();
            MessageDigest md = sha256();
            for (java.util.zip.ZipEntry e : classes) {
                try (InputStream in = zip.getInputStream(e)) {
                    update(md, e.getName(), in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.util.zip.ZipException e) {
            throw new IOException(jar + " is not a readable jar: " + e.getMessage(), e);
        }
    }

    private static void update(MessageDigest md, String name, byte[] bytes) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // Length prefixes keep (name, bytes) pairs unambiguous: no two different trees can hash
        // the same concatenation.
        md.update(longBytes(n.length));
        md.update(n);
        md.update(longBytes(bytes.length));
        md.update(bytes);
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
