package org.babylab.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.babylab.toolkit.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedDataTest {
    @TempDir
    Path dir;

    record Config(String path, boolean flag) {}

    @Test
    void the_same_config_over_unchanged_files_is_prepared_once_for_every_model() throws Exception {
        Path f = TestFiles.write(dir.resolve("items.tsv"), "dog\tdax");
        PreparedData<List<String>> data = new PreparedData<>();
        AtomicInteger reads = new AtomicInteger();
        PreparedData.Preparation<List<String>> read = () -> {
            reads.incrementAndGet();
            return List.copyOf(Files.readAllLines(f));
        };
        List<String> first = data.get(new Config("items.tsv", false), List.of(f), read);
        List<String> second = data.get(new Config("items.tsv", false), List.of(f), read);
        assertSame(first, second);
        assertEquals(1, reads.get());
        assertEquals(1, data.preparations());
    }

    @Test
    void another_config_or_an_edited_file_prepares_again() throws Exception {
        Path f = TestFiles.write(dir.resolve("items.tsv"), "dog\tdax");
        PreparedData<List<String>> data = new PreparedData<>();
        PreparedData.Preparation<List<String>> read = () -> List.copyOf(Files.readAllLines(f));
        data.get(new Config("items.tsv", false), List.of(f), read);
        data.get(new Config("items.tsv", true), List.of(f), read);
        assertEquals(2, data.preparations());
        TestFiles.write(f, "dog\tdax", "cat\tcag");
        assertEquals(List.of("dog\tdax", "cat\tcag"), data.get(new Config("items.tsv", false), List.of(f), read));
        assertEquals(3, data.preparations());
    }

    @Test
    void a_failed_preparation_is_not_kept_and_a_missing_file_is_named() throws Exception {
        Path f = TestFiles.write(dir.resolve("items.tsv"), "x");
        PreparedData<String> data = new PreparedData<>();
        IOException e = assertThrows(
                IOException.class,
                () -> data.get("k", List.of(f), () -> {
                    throw new IOException(f + ":1: bad line");
                }));
        assertEquals(f + ":1: bad line", e.getMessage());
        assertEquals("ok", data.get("k", List.of(f), () -> "ok"));
        NoSuchFileException missing = assertThrows(
                NoSuchFileException.class, () -> data.get("k", List.of(dir.resolve("gone.tsv")), () -> "never"));
        assertTrue(missing.getMessage().contains("gone.tsv"), missing.getMessage());
    }

    @Test
    void steps_asking_at_the_same_time_wait_for_one_preparation() throws Exception {
        Path f = TestFiles.write(dir.resolve("items.tsv"), "x");
        PreparedData<String> data = new PreparedData<>();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> data.get("k", List.of(f), () -> {
                    reads.incrementAndGet();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    return "items";
                })));
            }
            release.countDown();
            for (Future<String> fu : futures) {
                assertEquals("items", fu.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, reads.get());
    }

    @Test
    void at_most_capacity_values_are_held_the_least_recently_used_dropped_first() throws Exception {
        Path f = TestFiles.write(dir.resolve("items.tsv"), "x");
        PreparedData<String> data = new PreparedData<>(2);
        data.get("a", List.of(f), () -> "A");
        data.get("b", List.of(f), () -> "B");
        data.get("a", List.of(f), () -> "A"); // a is now the most recent
        data.get("c", List.of(f), () -> "C"); // drops b
        assertEquals(3, data.preparations());
        data.get("a", List.of(f), () -> "A");
        assertEquals(3, data.preparations());
        data.get("b", List.of(f), () -> "B");
        assertEquals(4, data.preparations());
        assertThrows(IllegalArgumentException.class, () -> new PreparedData<String>(0));
    }
}
