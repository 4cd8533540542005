package org.babylab.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.babylab.toolkit.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRecordsTest {
    @TempDir
    Path dir;

    @Test
    void jsonl_records_keep_their_line_numbers_across_blank_lines() throws Exception {
        Path f = TestFiles.write(dir.resolve("a.jsonl"), "", "{\"x\": 1}", "", "{\"x\": 2}");
        List<JsonRecord> rs = JsonRecords.read(f);
        assertEquals(2, rs.size());
        assertEquals(2, rs.get(0).line());
        assertEquals(4, rs.get(1).line());
    }

    @Test
    void a_json_array_is_read_with_the_line_each_object_starts_on() throws Exception {
        Path f = TestFiles.write(
                dir.resolve("a.json"),
                "[",
                "  {\"prompt\": \"p\",",
                "   \"chosen\": \"c\"},",
                "  {\"prompt\": \"q\"}",
                "]");
        List<JsonRecord> rs = JsonRecords.read(f);
        assertEquals(2, rs.size());
        assertEquals(2, rs.get(0).line());
        assertEquals(4, rs.get(1).line());
        assertEquals("q", rs.get(1).text("prompt"));
    }

    @Test
    void a_missing_field_names_file_line_and_the_fields_present() throws Exception {
        Path f = TestFiles.write(
                dir.resolve("pairs.jsonl"),
                "{\"sentence_good\": \"a\"}",
                "{\"sentence_good\": \"a\", \"sentence_bda\": \"b\"}");
        JsonRecord r = JsonRecords.read(f).get(1);
        DataFormatException e = assertThrows(DataFormatException.class, () -> r.text("sentence_bad"));
        assertTrue(e.getMessage().startsWith(f + ":2: missing field 'sentence_bad'"), e.getMessage());
        assertTrue(e.getMessage().contains("[sentence_good, sentence_bda]"), e.getMessage());
    }

    @Test
    void a_malformed_line_is_reported_with_its_line_number() throws Exception {
        Path f = TestFiles.write(dir.resolve("bad.jsonl"), "{\"a\": 1}", "{\"a\": ");
        DataFormatException e = assertThrows(DataFormatException.class, () -> JsonRecords.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: not valid JSON"), e.getMessage());
    }

    @Test
    void a_wrong_type_is_named_with_what_was_expected() throws Exception {
        Path f = TestFiles.write(dir.resolve("t.jsonl"), "{\"numops\": \"two\", \"options\": []}");
        JsonRecord r = JsonRecords.read(f).get(0);
        assertTrue(assertThrows(DataFormatException.class, () -> r.integer("numops"))
                .getMessage()
                .contains("must be an integer"));
        assertTrue(assertThrows(DataFormatException.class, () -> r.textList("options"))
                .getMessage()
                .contains("non-empty list of strings"));
    }
}
