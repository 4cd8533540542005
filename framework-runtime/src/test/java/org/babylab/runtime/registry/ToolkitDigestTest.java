package org.babylab.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.babylab.runtime.internal.registry.CodeDigests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code digest of a class-path plugin covers the plugin toolkit it shares with the other built-in plugins. */
class ToolkitDigestTest {
    @TempDir
    Path temp;

    /** A class with no dependencies, copied into a "plugin" directory and loaded from there. */
    static final class Plain {}

    private Path pluginDir() throws IOException {
        String name = Plain.class.getName().replace('.', '/') + ".class";
        Path dir = temp.resolve("plugin");
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        try (var in = Plain.class.getClassLoader().getResourceAsStream(name)) {
            Files.write(target, in.readAllBytes());
        }
        return dir;
    }

    private Path toolkitDir(String classBytes) throws IOException {
        Path dir = temp.resolve("toolkit-" + classBytes);
        Files.createDirectories(dir.resolve("META-INF/babylab"));
        Files.writeString(dir.resolve(CodeDigests.TOOLKIT_MARKER), "name=babylab-plugin-toolkit\n");
        Files.createDirectories(dir.resolve("org/babylab/toolkit"));
        Files.writeString(dir.resolve("org/babylab/toolkit/Scorer.class"), classBytes);
        return dir;
    }

    private static String digestOfPlainLoadedFrom(Path... locations) throws Exception {
        URL[] urls = new URL[locations.length];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = locations[i].toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, null)) {
            return new CodeDigests().of(loader.loadClass(Plain.class.getName()));
        }
    }

    private static Path jar(Path dir, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(dir.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void a_class_path_plugin_digest_changes_when_the_shared_toolkit_changes() throws Exception {
        Path plugin = pluginDir();
        String alone = digestOfPlainLoadedFrom(plugin);
        assertEquals(CodeDigests.ofDirectory(plugin), alone, "without a toolkit the digest is the plugin's own");
        String withV1 = digestOfPlainLoadedFrom(plugin, toolkitDir("v1"));
        String withV2 = digestOfPlainLoadedFrom(plugin, toolkitDir("v2"));
        assertNotEquals(alone, withV1);
        assertNotEquals(withV1, withV2, "a changed toolkit class changes the plugin's digest, so its steps rerun");
        assertEquals(
                withV1, digestOfPlainLoadedFrom(plugin, toolkitDir("v1")), "the same toolkit gives the same digest");
    }

    @Test
    void a_toolkit_jar_counts_like_the_class_directory_it_was_packaged_from() throws Exception {
        Path plugin = pluginDir();
        Path dir = toolkitDir("v1");
        assertEquals(
                digestOfPlainLoadedFrom(plugin, dir),
                digestOfPlainLoadedFrom(plugin, jar(dir, temp.resolve("toolkit.jar"))));
    }
}
