package org.babylab.runtime.internal.store;

import java.util.List;
import java.util.Map;

/**
 * The provenance of one store entry, written as {@code metadata.json} last, which marks the entry
 * complete. It holds enough to re-run the step: the key document, the plugin that computed it, the
 * resolved config, its parents' keys, the data hashes, the seed, and where and when it ran.
 *
 * @param key the entry's key
 * @param keyDocument what the key hashes
 * @param stepName the step's name in plans
 * @param kind the component kind
 * @param type the factory type id
 * @param plugin the plugin that provided the factory
 * @param config the resolved config
 * @param inputs parent keys (or source fingerprints) by referenced name
 * @param dataFiles hashes of every data file the step depends on, its own and its sources', by path as written
 * @param sources the key documents of the datasets and curricula it read (directly or through a
 *     curriculum), by fingerprint: what was read, so that it can be re-created
 * @param seed the step's seed
 * @param environment where it ran
 * @param startedAt ISO-8601 instant the computation started
 * @param finishedAt ISO-8601 instant it finished
 * @param durationMillis wall time of the computation
 * @param experiment the experiment that first computed it
 * @param family for model-producing steps, the model declaration the output descends from; else null
 * @param manifest SHA-256 of every output file by path relative to {@code output/}
 */
public record EntryMetadata(
        String key,
        KeyDocument keyDocument,
        String stepName,
        String kind,
        String type,
        PluginInfo plugin,
        Map<String, Object> config,
        Map<String, String> inputs,
        Map<String, String> dataFiles,
        Map<String, KeyDocument> sources,
        long seed,
        Environment environment,
        String startedAt,
        String finishedAt,
        long durationMillis,
        ExperimentInfo experiment,
        ModelFamilyInfo family,
        Map<String, String> manifest) {
    public EntryMetadata {
        if (key == null || keyDocument == null || stepName == null || kind == null || type == null) {
            throw new IllegalArgumentException(
                    "key, keyDocument, stepName, kind and type are required in entry metadata");
        }
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        dataFiles = dataFiles == null ? Map.of() : Map.copyOf(dataFiles);
        sources = sources == null ? Map.of() : Map.copyOf(sources);
        manifest = manifest == null ? Map.of() : Map.copyOf(manifest);
    }

    /** The same metadata with {@code manifest} set; the store fills it in at publish time. */
    public EntryMetadata withManifest(Map<String, String> manifest) {
        return new EntryMetadata(
                key,
                keyDocument,
                stepName,
                kind,
                type,
                plugin,
                config,
                inputs,
                dataFiles,
                sources,
                seed,
                environment,
                startedAt,
                finishedAt,
                durationMillis,
                experiment,
                family,
                manifest);
    }

    /** The plugin a factory came from. */
    public record PluginInfo(String name, String version, String apiVersion, String location, String codeDigest) {}

    /** The machine and software a step ran on. */
    public record Environment(String babylabVersion, String host, String user, String jvm, String os) {
        /** Describes the current process (computed once: looking up the host name may be slow). */
        public static Environment current() {
            return CurrentEnvironment.VALUE;
        }

        private static Environment detect() {
            String version = EntryMetadata.class.getPackage().getImplementationVersion();
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = System.getenv().getOrDefault("HOSTNAME", "unknown");
            }
            return new Environment(
                    version == null ? "dev" : version,
                    host,
                    System.getProperty("user.name"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"));
        }
    }

    /** Lazy holder of {@link Environment#current()}. */
    private static final class CurrentEnvironment {
        static final Environment VALUE = Environment.detect();
    }

    /** The experiment a step was computed for. */
    public record ExperimentInfo(String name, String file, List<String> trials) {}

    /** The model declaration a model-producing step descends from: its loader's type and config. */
    public record ModelFamilyInfo(String rootModel, String type, Map<String, Object> config) {}
}
