package org.babylab.plugins.eval.glue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.babylab.toolkit.data.JsonRecord;
import org.babylab.toolkit.data.JsonRecords;

/** Reads a task's {@code <task>.train.jsonl} and {@code <task>.valid.jsonl} with the pipeline's field mapping. */
final class GlueData {
    private GlueData() {}

    static Path trainFile(GlueConfig c, Path baseDir) {
        return baseDir.resolve(c.path()).resolve(c.task() + ".train.jsonl").normalize();
    }

    static Path validFile(GlueConfig c, Path baseDir) {
        return baseDir.resolve(c.path()).resolve(c.task() + ".valid.jsonl").normalize();
    }

    /** Both files; throws naming the one that is missing. */
    static List<Path> files(GlueConfig c, Path baseDir) throws IOException {
        List<Path> out = List.of(trainFile(c, baseDir), validFile(c, baseDir));
        for (Path p : out) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(
                        p.toString(),
                        null,
                        "glue task " + c.task() + " needs this file (path: " + c.path() + " must hold " + c.task()
                                + ".train.jsonl and " + c.task() + ".valid.jsonl)");
            }
        }
        return out;
    }

    /** The examples of {@code file}, in file order, the first {@code limit} of them (null: all). */
    static List<GlueExample> read(Path file, GlueTask task, Integer limit) throws IOException {
        List<JsonRecord> records = JsonRecords.read(file);
        List<GlueExample> out = new ArrayList<>();
        for (JsonRecord r : records) {
            if (limit != null && out.size() >= limit) {
                break;
            }
            String[] texts = task.texts(r);
            int label = r.integer("label");
            if (label < 0 || label >= task.classes()) {
                throw r.error("label " + label + " is outside [0, " + task.classes() + ") for task " + task.id());
            }
            String item = r.node().has("idx") ? r.node().get("idx").toString() : Long.toString(r.line());
            out.add(new GlueExample(item, r.where(), texts[0], texts[1], label));
        }
        if (out.isEmpty()) {
            throw new IOException(file + " holds no examples");
        }
        return out;
    }

    /** A seeded random sample of {@code n} examples, kept in file order; all when {@code n} is null or not smaller. */
    static List<GlueExample> sample(List<GlueExample> all, Integer n, long seed) {
        if (n == null || n >= all.size()) {
            return all;
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(seed));
        List<Integer> chosen = new ArrayList<>(idx.subList(0, n));
        Collections.sort(chosen);
        List<GlueExample> out = new ArrayList<>(n);
        for (int i : chosen) {
            out.add(all.get(i));
        }
        return out;
    }
}
