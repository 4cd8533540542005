package org.babylab.plugins.instruct.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.babylab.api.data.Dataset;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.toolkit.data.FileGlobs;

/**
 * {@code type: instructions}: instruction ({@code prompt, reply, source}), chat ({@code messages}) or
 * preference ({@code prompt, chosen, rejected}) records from {@code .jsonl}, {@code .json} and
 * {@code .parquet} files, optionally filtered by source. Stateless and thread-safe.
 */
public final class InstructionsFactory implements DatasetFactory<InstructionsConfig> {

    @Override
    public String type() {
        return "instructions";
    }

    @Override
    public Class<InstructionsConfig> configType() {
        return InstructionsConfig.class;
    }

    @Override
    public String description() {
        return "Instruction, chat or preference records from JSON lines, JSON arrays or Parquet, filtered by source.";
    }

    /**
     * The sorted expansion of the config's patterns.
     *
     * @throws IOException when a pattern matches nothing, or matches a file this dataset cannot read
     *     (naming it and the extensions it reads), so a stray README under a glob fails at plan time
     */
    @Override
    public List<Path> inputFiles(InstructionsConfig config, Path baseDir) throws IOException {
        List<Path> files = FileGlobs.expand(config.patterns(), baseDir);
        for (Path f : files) {
            if (!RawRecords.readable(f)) {
                throw new IOException("cannot read " + f + ": instructions datasets read " + RawRecords.EXTENSIONS
                        + "; narrow the pattern " + config.patterns() + " to those files");
            }
        }
        return files;
    }

    @Override
    public Dataset create(InstructionsConfig config, ComponentContext context) throws IOException {
        return new InstructionsDataset(config, inputFiles(config, context.baseDir()));
    }
}
