package org.babylab.plugins.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.lingala.zip4j.ZipFile;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.model.LanguageModel;
import org.babylab.testkit.TestStepContext;

/** Test helpers: files, encrypted zips, shared-data location, running an evaluator. */
public final class Fixtures {
    private Fixtures() {}

    /** Writes {@code lines} as a UTF-8 file, creating parent directories. */
    public static Path write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Builds a ZipCrypto-encrypted zip holding {@code entries} (entry name to content). */
    public static Path encryptedZip(Path zip, String password, Map<String, String> entries) throws IOException {
        ZipParameters params = new ZipParameters();
        params.setEncryptFiles(true);
        params.setEncryptionMethod(EncryptionMethod.ZIP_STANDARD);
        try (ZipFile z = new ZipFile(zip.toFile(), password.toCharArray())) {
            for (var e : entries.entrySet()) {
                params.setFileNameInZip(e.getKey());
                z.addStream(new java.io.ByteArrayInputStream(e.getValue().getBytes(StandardCharsets.UTF_8)), params);
            }
        }
        return zip;
    }

    /** The shared real-data directory ({@code babylab.shared.dir}/data, or ../shared/data). */
    public static Path sharedData() {
        String prop = System.getProperty("babylab.shared.dir");
        Path shared = prop != null ? Path.of(prop) : Path.of("..", "..", "..", "shared");
        return shared.resolve("data").toAbsolutePath().normalize();
    }

    /** A word-bigram model with BOS trained on {@code corpus}. */
    public static WordBigramModel model(String... corpus) {
        return new WordBigramModel(List.of(corpus), true, 512, 64);
    }

    /** Runs {@code evaluator} in a fresh test context under {@code root}. */
    public static Run run(Evaluator evaluator, LanguageModel model, Path root) throws Exception {
        TestStepContext ctx = TestStepContext.builder(root).build();
        EvaluationResult result = evaluator.evaluate(model, ctx);
        return new Run(result, ctx.recordedPredictions(), ctx.logLines());
    }

    /** An evaluation's result, predictions and log. */
    public record Run(EvaluationResult result, List<Map<String, Object>> predictions, List<String> log) {}
}
