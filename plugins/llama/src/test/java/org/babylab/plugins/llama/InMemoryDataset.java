package org.babylab.plugins.llama;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.babylab.api.data.Dataset;

/** A real {@link Dataset} over documents held in memory; the fingerprint hashes their text. */
public record InMemoryDataset(List<String> documents) implements Dataset {
    public InMemoryDataset {
        documents = List.copyOf(documents);
    }

    @Override
    public List<Path> files() {
        return List.of();
    }

    @Override
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String d : documents) {
                sha.update(d.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Stream<String> texts() {
        return documents.stream();
    }

    @Override
    public Stream<Map<String, Object>> records() {
        return documents.stream().map(d -> Map.of("text", d));
    }
}
