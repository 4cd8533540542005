package org.babylab.plugins.instruct.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.babylab.api.data.Dataset;

/**
 * The records of an {@code instructions} dataset: each file read in order, its format decided from
 * its first record (or fixed by the config), the source filter applied, then {@code max_examples}.
 * Lazy: every stream opens the files anew and must be closed. Immutable and thread-safe.
 */
final class InstructionsDataset implements Dataset {
    private final InstructionsConfig config;
    private final List<Path> files;
    private final RecordNormalizer normalizer;

    InstructionsDataset(InstructionsConfig config, List<Path> files) {
        this.config = config;
        this.files = List.copyOf(files);
        this.normalizer = new RecordNormalizer(config);
    }

    @Override
    public List<Path> files() {
        return files;
    }

    @Override
    public String fingerprint() throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        md.update(("instructions/1 format=" + config.format().id() + " source=" + config.source() + " fields="
                        + config.promptField() + "," + config.replyField() + "," + config.sourceField() + " max="
                        + config.maxExamples() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            // Streamed: a CLASS_IT Parquet file or a corpus need not fit in memory to be fingerprinted.
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    md.update(buffer, 0, n);
                }
            }
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public Stream<String> texts() {
        return records().map(RecordNormalizer::text);
    }

    @Override
    public Stream<Map<String, Object>> records() {
        Stream<Map<String, Object>> all = files.stream().flatMap(this::fileRecords);
        return config.maxExamples() == null ? all : all.limit(config.maxExamples());
    }

    private Stream<Map<String, Object>> fileRecords(Path file) {
        RecordFormat[] format = {null};
        // The format is decided by the file's first record, before the source filter may drop it.
        return RawRecords.read(file)
                .peek(r -> {
                    if (format[0] == null) {
                        format[0] = normalizer.detect(r);
                    }
                })
                .filter(normalizer::accepts)
                .map(r -> normalizer.normalize(r, format[0]));
    }
}
