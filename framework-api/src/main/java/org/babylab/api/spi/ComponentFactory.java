package org.babylab.api.spi;

import java.nio.file.Path;
import java.util.List;
import org.babylab.api.ComponentKind;
import org.babylab.api.step.ResourceRequest;

/**
 * What every factory has in common: a stable {@code type} id used in YAML, a config record type the
 * runtime binds YAML to, and a version that takes part in cache keys.
 *
 * <p>Factories are stateless and thread-safe: the runtime may call any method from several threads
 * at once, for different steps.
 *
 * @param <C> the config record type, bound from the YAML mapping that declares the component
 */
public interface ComponentFactory<C extends Record> {

    /** The kind of component this factory makes. */
    ComponentKind kind();

    /**
     * The stable id written as {@code type:} in YAML, e.g. {@code "blimp"}: lower case letters,
     * digits and dashes. Changing it breaks users' files; it never changes between versions.
     */
    String type();

    /** The record class the YAML mapping (minus {@code type}) is bound to. */
    Class<C> configType();

    /**
     * The version of what this factory computes. Bump it whenever the same config and inputs would
     * give a different output, so cached outputs of the old version are not reused. Defaults to
     * {@code "1"}.
     */
    default String version() {
        return "1";
    }

    /** A one-line description for {@code babylab plugins} and the JSON schema. */
    default String description() {
        return "";
    }

    /**
     * Local files whose content this component reads, resolved against {@code baseDir} (the
     * directory of the YAML file that declared it). Their content hashes are part of the cache key
     * and of provenance, so editing a data file reruns what depends on it. Never null; defaults to
     * none.
     *
     * @throws java.io.IOException if a declared path cannot be listed (e.g. a glob's directory is missing)
     */
    default List<Path> inputFiles(C config, Path baseDir) throws java.io.IOException {
        return List.of();
    }

    /**
     * Whether what this component computes depends on {@link org.babylab.api.step.ComponentContext#seed()}
     * (weight initialisation, shuffling, sampling, dropout). Defaults to true. A factory whose output
     * is the same for every seed (counting n-grams, training a BPE tokenizer, scoring minimal pairs)
     * returns false: its steps then ignore a swept {@code seed} and a component's own {@code seed:},
     * so a study over several seeds computes them once and shares them. Returning false for a
     * component that does use the seed would make different seeds share one output. Added in API 0.5.
     */
    default boolean usesSeed() {
        return true;
    }

    /**
     * The resources one step of this component needs; the scheduler starts the step when they are
     * free and passes what it granted as {@code StepContext.device()}. Defaults to one CPU thread
     * and no GPU, which suits a component that never runs a neural model (a dataset reader, an
     * n-gram).
     *
     * <p>A component that runs a model the user may have placed on a GPU (every evaluator that
     * scores a LLaMA, every training stage) should ask for
     * {@link ResourceRequest#gpuPreferred(int, long) ResourceRequest.gpuPreferred(threads, bytes)}:
     * one GPU when the machine has any (with {@code bytes} of its memory free, 0 if unknown), else
     * {@code threads} CPU threads. The built-in zero-shot evaluators ask for
     * {@code gpuPreferred(1, 0)}; training stages ask for every CPU thread. With the default a
     * plugin evaluator would score a LLaMA on the CPU even on a GPU machine. A request the machine
     * can never satisfy (a GPU without {@code gpuOptional}) fails the step before it starts, naming
     * the request. Clarified in API 0.5.
     */
    default ResourceRequest resources(C config) {
        return ResourceRequest.cpu(1);
    }
}
