package org.babylab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The build check that published coordinates follow the API: a plugin author who reads "API 0.5"
 * depends on {@code org.babylab:framework-api:0.5.x}, so every artifact version is
 * {@code <API major.minor>.<patch>[-SNAPSHOT]}, and the example plugin asks for the version this
 * build installs.
 */
class PublishedVersionTest {
    private static String projectVersion() {
        String v = System.getProperty("babylab.project.version");
        assertNotNull(v, "surefire passes babylab.project.version (see the parent pom); run the test through Maven");
        return v;
    }

    @Test
    void the_artifact_version_is_the_api_version_with_a_patch_number() {
        String version = projectVersion();
        assertTrue(
                version.matches(Pattern.quote(BabyLabApi.VERSION) + "\\.\\d+(-SNAPSHOT)?"),
                "the poms say " + version + " but BabyLabApi.VERSION is " + BabyLabApi.VERSION
                        + ": bump every pom's version to " + BabyLabApi.VERSION
                        + ".0-SNAPSHOT (or BabyLabApi.VERSION) so they agree");
    }

    @Test
    void the_example_plugin_depends_on_the_version_this_build_installs() throws IOException {
        Path pom = Path.of(System.getProperty("babylab.project.dir", ".")).resolve("examples/lexical-decision/pom.xml");
        assertTrue(Files.isRegularFile(pom), "missing " + pom);
        Matcher m = Pattern.compile("<babylab\\.version>([^<]+)</babylab\\.version>")
                .matcher(Files.readString(pom));
        assertTrue(m.find(), pom + " declares no <babylab.version> property");
        assertEquals(projectVersion(), m.group(1), pom + ": <babylab.version> must be this build's version");
    }
}
