package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.babylab.runtime.registry.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party compiles an evaluator against framework-api alone, drops the jar into a plugins
 * directory, and an experiment file uses its type next to the built-in ones.
 */
class ThirdPartyPluginExperimentTest {

    private static final String PLUGIN = """
            package org.example.babylab;

            import java.io.IOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import org.babylab.api.BabyLabApi;
            import org.babylab.api.Plugin;
            import org.babylab.api.config.Doc;
            import org.babylab.api.config.Required;
            import org.babylab.api.eval.EvaluationResult;
            import org.babylab.api.eval.Evaluator;
            import org.babylab.api.model.LanguageModel;
            import org.babylab.api.spi.EvaluatorFactory;
            import org.babylab.api.step.ComponentContext;

            /** Mean per-token log-probability of the lines of a text file. */
            public final class PerplexityPlugin implements Plugin {
                @Doc("A text file, one sentence per line.")
                public record Config(@Required @Doc("the text file") String path) {}

                public static final class Factory implements EvaluatorFactory<Config> {
                    @Override public String type() { return "mean-logprob"; }
                    @Override public Class<Config> configType() { return Config.class; }
                    @Override public List<Path> inputFiles(Config c, Path baseDir) { return List.of(baseDir.resolve(c.path())); }
                    @Override public Evaluator create(Config config, ComponentContext context) {
                        Path file = context.resolve(config.path());
                        return (model, step) -> {
                            List<String> lines;
                            try { lines = Files.readAllLines(file); } catch (IOException e) { throw new IllegalStateException(e); }
                            double sum = 0; long tokens = 0;
                            for (String line : lines) {
                                int[] ids = model.tokenizer().encode(line).ids();
                                int bos = model.tokenizer().bosId().orElseThrow();
                                int[] seq = new int[ids.length + 1];
                                seq[0] = bos;
                                System.arraycopy(ids, 0, seq, 1, ids.length);
                                double[] lp = model.logProbs(List.of(seq)).get(0);
                                for (int i = 1; i < lp.length; i++) { sum += lp[i]; tokens++; }
                                step.predictions().accept(Map.of("line", line, "tokens", ids.length));
                            }
                            return new EvaluationResult("mean_logprob", Map.of("mean_logprob", sum / tokens), Map.of(), lines.size());
                        };
                    }
                }

                @Override public String name() { return "example-perplexity"; }
                @Override public String apiVersion() { return BabyLabApi.VERSION; }
                @Override public List<EvaluatorFactory<?>> evaluators() { return List.of(new Factory()); }
            }
            """;

    @Test
    void experiment_uses_an_evaluator_from_a_jar_in_the_plugins_directory(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        new PluginJarBuilder()
                .source("org.example.babylab.PerplexityPlugin", PLUGIN)
                .service("org.example.babylab.PerplexityPlugin")
                .build(dir.resolve("build"), plugins.resolve("perplexity.jar"));
        Files.writeString(dir.resolve("corpus.txt"), "the dog is big .\nthe cat is small .\nwhere is the dog ?\n");
        Files.writeString(dir.resolve("held-out.txt"), "the cat is big .\nwhere is the cat ?\n");
        Path yaml = Files.writeString(dir.resolve("study.yaml"), """
                experiment: third-party
                datasets:
                  corpus: {type: text, paths: [corpus.txt]}
                models:
                  bigram: {type: ngram, order: 2, train_on: corpus}
                evaluate:
                  on: [bigram]
                  with:
                    ppl: {type: mean-logprob, path: held-out.txt}
                """);

        CliRun listing = CliRun.of("plugins", "--plugins", plugins.toString());
        assertTrue(
                listing.out().contains("mean-logprob") && listing.out().contains("perplexity.jar"),
                listing.transcript());

        CliRun run = CliRun.of(
                "run",
                yaml.toString(),
                "--store",
                dir.resolve("store").toString(),
                "--plugins",
                plugins.toString(),
                "--no-progress");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("ppl"), "the results table has the plugin's column: " + run.transcript());
    }

    @Test
    void a_jar_that_provides_a_built_in_type_again_stops_the_run_with_an_error(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJarBuilder.evaluatorPlugin("org.example.dup", "shadow-pairs", "minimal-pairs", "BabyLabApi.VERSION")
                .build(dir.resolve("build"), plugins.resolve("shadow.jar"));
        Files.writeString(dir.resolve("corpus.txt"), "the dog is big .\n");
        Path yaml = Files.writeString(dir.resolve("study.yaml"), """
                experiment: duplicate
                datasets:
                  corpus: {type: text, paths: [corpus.txt]}
                models:
                  bigram: {type: ngram, order: 2, train_on: corpus}
                """);
        CliRun run = CliRun.of(
                "run",
                yaml.toString(),
                "--store",
                dir.resolve("store").toString(),
                "--plugins",
                plugins.toString(),
                "--no-progress");
        assertTrue(run.exitCode() != 0, run.transcript());
        assertTrue(
                run.err().contains("evaluator type 'minimal-pairs' is provided twice: by the built-in plugin")
                        && run.err().contains("shadow.jar")
                        && run.err().contains("built-in types cannot be replaced")
                        && run.err().contains("nothing was run"),
                run.transcript());
        assertTrue(!Files.exists(dir.resolve("store/entries")), "nothing ran");
    }
}
