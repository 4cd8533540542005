package org.babylab.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.babylab.toolkit.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
    @TempDir
    Path dir;

    @Test
    void a_file_a_directory_and_a_glob_name_the_expected_files_in_sorted_order() throws Exception {
        Path b = TestFiles.write(dir.resolve("eval/b.jsonl"), "{}");
        Path a = TestFiles.write(dir.resolve("eval/a.jsonl"), "{}");
        TestFiles.write(dir.resolve("eval/notes.txt"), "x");
        Path nested = TestFiles.write(dir.resolve("eval/sub/c.jsonl"), "{}");
        assertEquals(List.of(a), DataFiles.resolve("eval/a.jsonl", dir, ".jsonl"));
        assertEquals(List.of(a, b), DataFiles.resolve("eval", dir, ".jsonl"));
        assertEquals(List.of(a, b), DataFiles.resolve("eval/*.jsonl", dir, ".jsonl"));
        assertEquals(List.of(nested), DataFiles.resolve("eval/**/c.jsonl", dir, ".jsonl"));
    }

    @Test
    void a_missing_path_or_an_empty_match_is_an_error_naming_it() throws Exception {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> DataFiles.resolve("nope", dir, ".jsonl"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        TestFiles.write(dir.resolve("eval/a.txt"), "x");
        assertThrows(NoSuchFileException.class, () -> DataFiles.resolve("eval/*.jsonl", dir, ".jsonl"));
        assertThrows(NoSuchFileException.class, () -> DataFiles.resolve("eval", dir, ".jsonl"));
    }
}
