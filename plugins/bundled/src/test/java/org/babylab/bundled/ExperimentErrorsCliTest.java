package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's mistakes in an experiment file stop the run before any step, with every problem located. */
class ExperimentErrorsCliTest {

    @Test
    void misspelled_key_unknown_type_and_dangling_reference_are_all_reported_with_locations(@TempDir Path dir)
            throws Exception {
        Path corpus = Files.writeString(dir.resolve("c.txt"), "the dog runs .\n");
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), """
                experiment: bad
                datasets:
                  corpus: {type: text, paths: [c.txt]}
                models:
                  tri: {type: ngram, ordr: 3, train_on: corpus}
                  uni: {type: ngramm, train_on: corpus}
                  big: {type: ngram, train_on: corpsu}
                evaluate:
                  on: [tri]
                  with:
                    pairs: {type: minimal-pairs, path: %s}
                """.formatted(corpus));
        Path store = dir.resolve("store");

        CliRun run = CliRun.of("run", yaml.toString(), "--store", store.toString(), "--no-progress");

        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("bad.yaml:5:22"), run.transcript());
        assertTrue(run.err().contains("did you mean 'order'?"), run.transcript());
        assertTrue(run.err().contains("bad.yaml:6:"), run.transcript());
        assertTrue(run.err().contains("'ngram'"), run.transcript());
        assertTrue(run.err().contains("bad.yaml:7:"), run.transcript());
        assertTrue(run.err().contains("did you mean 'corpus'?"), run.transcript());
        assertTrue(run.err().contains("nothing was run"), run.transcript());
        assertFalse(
                Files.exists(store.resolve("entries"))
                        && Files.list(store.resolve("entries")).findAny().isPresent(),
                "no step may run when the file has errors");
    }
}
