package org.babylab.runtime.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.babylab.runtime.internal.store.Attempt;
import org.babylab.runtime.internal.store.CorruptEntryException;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.Json;
import org.babylab.runtime.internal.store.KeyDocument;
import org.babylab.runtime.internal.store.Sha256;
import org.babylab.runtime.internal.store.StepLock;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path dir;

    private Store store;
    private final KeyDocument doc =
            new KeyDocument("model", "unigram", "1", "ab", Map.of("smoothing", 1), 5L, Map.of(), Map.of());
    private final String key = doc.key();

    @BeforeEach
    void setUp() {
        store = new Store(dir.resolve("store"));
    }

    private EntryMetadata metadata(String name) {
        return new EntryMetadata(
                key,
                doc,
                name,
                "model",
                "unigram",
                null,
                Map.of("smoothing", 1),
                Map.of(),
                Map.of(),
                Map.of(),
                5,
                EntryMetadata.Environment.current(),
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:01Z",
                1000,
                new EntryMetadata.ExperimentInfo("exp", "exp.yaml", List.of("base")),
                null,
                null);
    }

    private void publishWith(String file, String content) throws IOException {
        Attempt a = store.begin(key);
        Files.writeString(a.outputDir().resolve(file), content);
        store.publish(a, metadata("model:uni"));
    }

    @Test
    void an_attempt_is_invisible_until_published_and_then_complete_with_its_manifest() throws Exception {
        Attempt a = store.begin(key);
        Files.createDirectories(a.outputDir().resolve("sub"));
        Files.writeString(a.outputDir().resolve("sub/counts.txt"), "3\n");
        assertFalse(store.isComplete(key));
        assertTrue(store.metadata(key).isEmpty());

        EntryMetadata written = store.publish(a, metadata("model:uni"));

        assertTrue(store.isComplete(key));
        assertFalse(Files.exists(a.dir()), "the attempt directory became the entry");
        assertEquals(Map.of("sub/counts.txt", Sha256.ofString("3\n")), written.manifest());
        assertEquals("3\n", Files.readString(store.outputDir(key).resolve("sub/counts.txt")));
        assertEquals(key, store.metadata(key).orElseThrow().keyDocument().key());
        assertEquals(key, store.index().latest("model:uni").orElseThrow().key());
        assertEquals(doc.key(), store.index().document(key).orElseThrow().key());
    }

    @Test
    void an_entry_directory_without_metadata_is_not_complete() throws Exception {
        Files.createDirectories(store.outputDir(key));
        Files.writeString(store.outputDir(key).resolve("counts.txt"), "half");

        assertFalse(store.isComplete(key));

        publishWith("counts.txt", "whole"); // and it is replaced on publish
        assertEquals("whole", Files.readString(store.outputDir(key).resolve("counts.txt")));
    }

    @Test
    void verify_names_changed_missing_and_unexpected_files() throws Exception {
        Attempt a = store.begin(key);
        Files.writeString(a.outputDir().resolve("a.txt"), "a");
        Files.writeString(a.outputDir().resolve("b.txt"), "b");
        store.publish(a, metadata("model:uni"));
        assertTrue(store.verify(key).ok());

        Files.writeString(store.outputDir(key).resolve("a.txt"), "changed");
        Files.delete(store.outputDir(key).resolve("b.txt"));
        Files.writeString(store.outputDir(key).resolve("c.txt"), "new");

        List<String> problems = store.verify(key).problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("output/a.txt: content changed"), problems.toString());
        assertEquals("output/b.txt: missing", problems.get(1));
        assertEquals("output/c.txt: not in the manifest", problems.get(2));
        CorruptEntryException e = assertThrows(CorruptEntryException.class, () -> store.requireIntact(key));
        assertTrue(e.getMessage().contains("output/a.txt") && e.getMessage().contains("moved aside"), e.getMessage());
        assertFalse(store.isComplete(key), "a damaged entry is never served");
    }

    @Test
    @SuppressWarnings("try")
    void a_lock_held_by_one_thread_makes_another_wait() throws Exception {
        AtomicBoolean secondGotIt = new AtomicBoolean();
        CompletableFuture<Void> second;
        try (StepLock first = store.lock(key)) {
            assertNull(store.tryLock(key), "tryLock fails while another holder has it");
            second = CompletableFuture.runAsync(() -> {
                try (StepLock l = store.lock(key)) {
                    secondGotIt.set(true);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(200);
            assertFalse(secondGotIt.get(), "the second locker waits while the first holds the lock");
        }
        await().atMost(Duration.ofSeconds(5)).untilTrue(secondGotIt);
        second.get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_lock_held_by_another_process_is_respected() throws Exception {
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        store.root().toString(),
                        key)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());

            assertNull(store.tryLock(key), "the other process's file lock excludes this one");

            holder.getOutputStream().write('\n');
            holder.getOutputStream().flush();
            assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
            try (StepLock mine = store.tryLock(key)) {
                assertNotNull(mine, "free again once the other process let go");
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    @SuppressWarnings("try")
    void stale_attempts_are_cleaned_but_live_ones_are_kept() throws Exception {
        String other = new KeyDocument("model", "unigram", "1", "ab", Map.of(), 6L, Map.of(), Map.of()).key();
        Attempt stale = store.begin(key);
        Attempt live = store.begin(other);
        try (StepLock held = store.lock(other)) {
            assertEquals(1, store.cleanStaleAttempts());
        }
        assertFalse(Files.exists(stale.dir()));
        assertTrue(Files.exists(live.dir()));
    }

    @Test
    void canonical_json_sorts_keys_and_normalises_numbers() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("b", 1.0);
        a.put("a", List.of(Map.of("y", 2, "x", 0.50)));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("a", List.of(Map.of("x", 0.5, "y", 2L)));
        b.put("b", 1);

        assertEquals(Json.canonical(a), Json.canonical(b));
        assertEquals("{\"a\":[{\"x\":0.5,\"y\":2}],\"b\":1}", Json.canonical(a));
    }

    @Test
    void file_hashes_are_remembered_until_the_file_changes() throws Exception {
        Path data = dir.resolve("data.txt");
        Files.writeString(data, "one");
        String first = store.hasher().hash(data);
        assertEquals(first, new Store(store.root()).hasher().hash(data));

        Files.writeString(data, "two, longer");
        Store fresh = new Store(store.root());
        assertNotEquals(first, fresh.hasher().hash(data));
        assertEquals(1, fresh.hasher().filesRead());
    }

    @Test
    void the_name_index_orders_runs_by_time_not_by_text() throws Exception {
        String older = new KeyDocument("model", "unigram", "1", "ab", Map.of(), 1L, Map.of(), Map.of()).key();
        String newer = new KeyDocument("model", "unigram", "1", "ab", Map.of(), 2L, Map.of(), Map.of()).key();
        store.index()
                .recordRun(new org.babylab.runtime.internal.store.RunRecord(
                        "model:uni", older, "2026-01-01T00:00:10.1Z", 5));
        store.index()
                .recordRun(new org.babylab.runtime.internal.store.RunRecord(
                        "model:uni", newer, "2026-01-01T00:00:10.116Z", 7));

        assertEquals(newer, store.index().latest("model:uni").orElseThrow().key());
        assertEquals(2, store.index().history("model:uni").size());
    }
}
