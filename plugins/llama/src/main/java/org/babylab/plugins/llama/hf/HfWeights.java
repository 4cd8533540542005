package org.babylab.plugins.llama.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weights of a Hugging Face checkpoint directory, in one {@code model.safetensors} or sharded
 * as {@code model-00001-of-0000N.safetensors} files listed by {@code model.safetensors.index.json}
 * ({@code weight_map}: tensor name to shard file), the layout {@code save_pretrained} writes above
 * its {@code max_shard_size}. Reading opens every shard once; not thread-safe.
 */
public final class HfWeights implements AutoCloseable {
    /** The single-file weights name. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** The index of a sharded checkpoint. */
    public static final String INDEX_FILE = "model.safetensors.index.json";
    /** transformers' default {@code max_shard_size} of {@code save_pretrained} (v4): 5 GB. */
    public static final long DEFAULT_MAX_SHARD_BYTES = 5_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Safetensors.Reader> readers;
    private final Map<String, String> fileOf;

    private HfWeights(Map<String, Safetensors.Reader> readers, Map<String, String> fileOf) {
        this.readers = readers;
        this.fileOf = fileOf;
    }

    /**
     * The weight files of {@code dir}: the index and its shards when the index exists, else
     * {@code model.safetensors}. For cache keys and provenance.
     *
     * @throws IOException if the index cannot be read
     */
    public static List<Path> files(Path dir) throws IOException {
        Path index = dir.resolve(INDEX_FILE);
        if (!Files.isRegularFile(index)) {
            return List.of(dir.resolve(SINGLE_FILE));
        }
        List<Path> out = new ArrayList<>();
        out.add(index);
        for (String shard : new LinkedHashSet<>(weightMap(index).values())) {
            out.add(dir.resolve(shard));
        }
        return out;
    }

    /** Opens the weights of {@code dir}, sharded or not. */
    public static HfWeights open(Path dir) throws IOException {
        Path index = dir.resolve(INDEX_FILE);
        Map<String, Safetensors.Reader> readers = new LinkedHashMap<>();
        Map<String, String> fileOf = new LinkedHashMap<>();
        try {
            if (Files.isRegularFile(index)) {
                for (Map.Entry<String, String> e : weightMap(index).entrySet()) {
                    String shard = e.getValue();
                    if (!readers.containsKey(shard)) {
                        readers.put(shard, Safetensors.open(dir.resolve(shard)));
                    }
                    if (!readers.get(shard).names().contains(e.getKey())) {
                        throw new IOException(index + ": weight_map puts '" + e.getKey() + "' in " + shard
                                + ", which does not hold it");
                    }
                    fileOf.put(e.getKey(), shard);
                }
            } else {
                Path single = dir.resolve(SINGLE_FILE);
                if (!Files.isRegularFile(single)) {
                    throw new NoSuchFileException(
                            single.toString(), null, "no model.safetensors and no " + INDEX_FILE + " in " + dir);
                }
                Safetensors.Reader r = Safetensors.open(single);
                readers.put(SINGLE_FILE, r);
                r.names().forEach(n -> fileOf.put(n, SINGLE_FILE));
            }
        } catch (IOException | RuntimeException e) {
            for (Safetensors.Reader r : readers.values()) {
                r.close();
            }
            throw e;
        }
        return new HfWeights(readers, fileOf);
    }

    private static Map<String, String> weightMap(Path index) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new IOException(index + " is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode map = root.path("weight_map");
        if (!map.isObject() || map.isEmpty()) {
            throw new IOException(index + ": missing or empty 'weight_map' (tensor name -> shard file)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : map.properties()) {
            String shard = e.getValue().asText();
            if (shard.contains("/") || shard.contains("\\") || shard.isBlank()) {
                throw new IOException(index + ": weight_map entry '" + e.getKey() + "' names '" + shard
                        + "'; expected a file name in the same directory");
            }
            out.put(e.getKey(), shard);
        }
        return out;
    }

    /** Every tensor name. */
    public Set<String> names() {
        return fileOf.keySet();
    }

    /** The shape of {@code name}. */
    public long[] shape(String name) throws IOException {
        return reader(name).shape(name);
    }

    /** The F32 data of {@code name}. */
    public Safetensors.Tensor read(String name) throws IOException {
        return reader(name).read(name);
    }

    private Safetensors.Reader reader(String name) throws IOException {
        String file = fileOf.get(name);
        if (file == null) {
            throw new IOException("tensor '" + name + "' is in none of the weight files " + readers.keySet());
        }
        return readers.get(file);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Safetensors.Reader r : readers.values()) {
            try {
                r.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Writes F32 tensors into {@code dir}: one {@code model.safetensors} when they fit
     * {@code maxShardBytes}, else shards of at most that size (a tensor larger than it gets a shard
     * of its own, as transformers does) and {@code model.safetensors.index.json}.
     *
     * @return the files written
     */
    public static List<Path> write(
            Path dir,
            Map<String, long[]> shapes,
            Map<String, String> metadata,
            Safetensors.TensorSource source,
            long maxShardBytes)
            throws IOException {
        List<Map<String, long[]>> shards = new ArrayList<>();
        Map<String, long[]> current = new LinkedHashMap<>();
        long currentBytes = 0;
        long total = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long bytes = 4;
            for (long s : e.getValue()) {
                bytes *= s;
            }
            total += bytes;
            if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                currentBytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            currentBytes += bytes;
        }
        shards.add(current);
        if (shards.size() == 1) {
            Path file = dir.resolve(SINGLE_FILE);
            Safetensors.write(file, shapes, metadata, source);
            return List.of(file);
        }
        List<Path> files = new ArrayList<>();
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode map = index.putObject("weight_map");
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            Path file = dir.resolve(name);
            Safetensors.write(file, shards.get(i), metadata, source);
            shards.get(i).keySet().forEach(t -> map.put(t, name));
            files.add(file);
        }
        Path indexFile = dir.resolve(INDEX_FILE);
        JSON.writerWithDefaultPrettyPrinter().writeValue(indexFile.toFile(), index);
        files.add(indexFile);
        return files;
    }
}
