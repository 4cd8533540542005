package org.babylab.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.babylab.toolkit.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlSourceTest {
    @TempDir
    Path dir;

    private Path zip() throws IOException {
        Map<String, String> entries = new TreeMap<>();
        entries.put("set/one.jsonl", "{\"a\": 1}\n{\"a\": 2}\n");
        entries.put("set/two.jsonl", "{\"a\": 3}\n");
        entries.put("set/README.txt", "ignored");
        return TestFiles.encryptedZip(dir.resolve("set.zip"), "s3cret", entries);
    }

    @Test
    void an_encrypted_zip_is_read_in_place_entry_by_entry() throws Exception {
        Path zip = zip();
        try (var before = Files.list(dir)) {
            long files = before.count();
            List<JsonlSource.NamedRecords> read = JsonlSource.read("set.zip", dir, "s3cret");
            assertEquals(
                    List.of("one", "two"),
                    read.stream().map(JsonlSource.NamedRecords::name).toList());
            assertEquals(2, read.get(0).records().size());
            assertEquals(zip + "!/set/two.jsonl", read.get(1).source());
            try (var after = Files.list(dir)) {
                assertEquals(files, after.count(), "nothing may be unzipped next to the archive");
            }
        }
        assertEquals(List.of(zip), JsonlSource.files("set.zip", dir));
    }

    @Test
    void a_wrong_or_missing_password_is_reported_with_the_entry_and_the_key_to_set() throws Exception {
        zip();
        IOException wrong = assertThrows(IOException.class, () -> JsonlSource.read("set.zip", dir, "guess"));
        assertTrue(
                wrong.getMessage().contains("set.zip!/set/one.jsonl")
                        && wrong.getMessage().contains("password"),
                wrong.getMessage());
        IOException missing = assertThrows(IOException.class, () -> JsonlSource.read("set.zip", dir, null));
        assertTrue(
                missing.getMessage().contains("encrypted")
                        && missing.getMessage().contains("'password'"),
                missing.getMessage());
    }
}
