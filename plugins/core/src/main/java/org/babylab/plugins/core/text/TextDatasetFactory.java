package org.babylab.plugins.core.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.babylab.api.data.Dataset;
import org.babylab.api.spi.DatasetFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.toolkit.data.FileGlobs;

/**
 * {@code type: text}: documents from local plain-text or JSON-lines files matched by glob patterns.
 * Stateless and thread-safe.
 */
public final class TextDatasetFactory implements DatasetFactory<TextDatasetConfig> {

    @Override
    public String type() {
        return "text";
    }

    @Override
    public Class<TextDatasetConfig> configType() {
        return TextDatasetConfig.class;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Documents from local text or JSON-lines files (one per line, paragraph or file).";
    }

    /** The sorted expansion of the config's globs; see {@link FileGlobs#expand(List, Path)}. */
    @Override
    public List<Path> inputFiles(TextDatasetConfig config, Path baseDir) throws IOException {
        return FileGlobs.expand(config.paths(), baseDir);
    }

    /** Lists the files (cheap); their content is read only when a stream is consumed. */
    @Override
    public Dataset create(TextDatasetConfig config, ComponentContext context) throws IOException {
        return new TextDataset(config, inputFiles(config, context.baseDir()));
    }
}
