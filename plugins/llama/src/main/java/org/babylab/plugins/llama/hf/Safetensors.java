package org.babylab.plugins.llama.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
 * mapping tensor names to {@code dtype}, {@code shape} and {@code data_offsets} (relative to the end
 * of the header) plus an optional {@code __metadata__} string map, then raw little-endian data.
 *
 * <p>Writing is always F32. Reading accepts F32, F16 and BF16 and converts to F32. Every
 * inconsistency (truncated file, offsets outside the data, size not matching shape and dtype)
 * raises an {@link IOException} naming the file and the tensor. Stateless and thread-safe.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Guards against reading a corrupt length as a multi-gigabyte header. */
    private static final long MAX_HEADER = 100L << 20;

    private Safetensors() {}

    /** One tensor in F32, row-major. */
    public record Tensor(long[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " holds " + n
                        + " values, data has " + data.length);
            }
        }
    }

    /** A writer that streams tensors one at a time, so a large model never needs two copies in memory. */
    public interface TensorSource {
        /** The F32 data of {@code name}, whose shape was declared up front. */
        float[] data(String name) throws IOException;
    }

    /**
     * Writes {@code shapes.size()} F32 tensors to {@code file}, asking {@code source} for each one's data
     * in the map's order.
     */
    public static void write(Path file, Map<String, long[]> shapes, Map<String, String> metadata, TensorSource source)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long n = 1;
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var shape = t.putArray("shape");
            for (long s : e.getValue()) {
                shape.add(s);
                n *= s;
            }
            var offsets = t.putArray("data_offsets");
            offsets.add(offset);
            offsets.add(offset + 4 * n);
            offset += 4 * n;
        }
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        // Pad with spaces so the data starts 8-byte aligned, as the reference implementation does.
        int padded = (headerBytes.length + 7) / 8 * 8;
        byte[] h = new byte[padded];
        java.util.Arrays.fill(h, (byte) ' ');
        System.arraycopy(headerBytes, 0, h, 0, headerBytes.length);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer len =
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(h);
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (String name : shapes.keySet()) {
                float[] data = source.data(name);
                for (float f : data) {
                    if (!chunk.hasRemaining()) {
                        out.write(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                    chunk.putFloat(f);
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }

    /** Writes in-memory tensors. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((k, v) -> shapes.put(k, v.shape()));
        write(file, shapes, metadata, name -> tensors.get(name).data());
    }

    /** An opened safetensors file: its header is parsed and validated, tensors are read on demand. */
    public static final class Reader implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final long dataStart;
        private final long dataSize;
        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private record Entry(String dtype, long[] shape, long begin, long end) {}

        private Reader(Path file) throws IOException {
            this.file = file;
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                long size = channel.size();
                if (size < 8) {
                    throw corrupt("is " + size + " bytes long, shorter than the 8-byte header length");
                }
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                readFully(len, 0);
                long headerLen = len.flip().getLong();
                if (headerLen <= 0 || headerLen > MAX_HEADER || headerLen > size - 8) {
                    throw corrupt("declares a header of " + headerLen + " bytes but the file has " + (size - 8)
                            + " bytes after the length field (truncated or not safetensors)");
                }
                ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
                readFully(hb, 8);
                JsonNode header;
                try {
                    header = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8).trim());
                } catch (IOException e) {
                    throw corrupt("has a header that is not valid JSON: " + e.getMessage());
                }
                if (header == null || !header.isObject()) {
                    throw corrupt("has a header that is not a JSON object");
                }
                this.dataStart = 8 + headerLen;
                this.dataSize = size - dataStart;
                for (Map.Entry<String, JsonNode> f : header.properties()) {
                    if (f.getKey().equals("__metadata__")) {
                        f.getValue()
                                .properties()
                                .forEach(m ->
                                        metadata.put(m.getKey(), m.getValue().asText()));
                        continue;
                    }
                    entries.put(f.getKey(), parseEntry(f.getKey(), f.getValue()));
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        private Entry parseEntry(String name, JsonNode n) throws IOException {
            String dtype = n.path("dtype").asText("");
            JsonNode shapeNode = n.path("shape");
            JsonNode off = n.path("data_offsets");
            if (!shapeNode.isArray() || !off.isArray() || off.size() != 2) {
                throw corrupt("tensor '" + name + "' lacks a shape array or a two-element data_offsets array");
            }
            long[] shape = new long[shapeNode.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong(-1);
                if (shape[i] < 0) {
                    throw corrupt(
                            "tensor '" + name + "' has a negative or non-integer dimension in shape " + shapeNode);
                }
                count *= shape[i];
            }
            long begin = off.get(0).asLong(-1);
            long end = off.get(1).asLong(-1);
            int width = switch (dtype) {
                case "F32" -> 4;
                case "F16", "BF16" -> 2;
                default -> -1;
            };
            if (width < 0) {
                throw corrupt("tensor '" + name + "' has dtype '" + dtype + "'; supported: F32, F16, BF16");
            }
            if (begin < 0 || end < begin || end > dataSize) {
                throw corrupt("tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] outside the "
                        + dataSize + " data bytes (file truncated?)");
            }
            if (end - begin != count * width) {
                throw corrupt("tensor '" + name + "' spans " + (end - begin) + " bytes but shape " + shapeNode + " of "
                        + dtype + " needs " + count * width);
            }
            return new Entry(dtype, shape, begin, end);
        }

        /** The tensor names in header order. */
        public java.util.Set<String> names() {
            return java.util.Collections.unmodifiableSet(entries.keySet());
        }

        /** The {@code __metadata__} map, empty if absent. */
        public Map<String, String> metadata() {
            return java.util.Collections.unmodifiableMap(metadata);
        }

        /** The shape of {@code name}. @throws IOException naming the file and tensor if absent */
        public long[] shape(String name) throws IOException {
            return entry(name).shape().clone();
        }

        /** The dtype string of {@code name} as stored (F32, F16 or BF16). */
        public String dtype(String name) throws IOException {
            return entry(name).dtype();
        }

        /** Reads {@code name}, converted to F32. */
        public Tensor read(String name) throws IOException {
            Entry e = entry(name);
            int bytes = Math.toIntExact(e.end() - e.begin());
            ByteBuffer buf = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
            readFully(buf, dataStart + e.begin());
            buf.flip();
            float[] out = new float
                    [switch (e.dtype()) {
                        case "F32" -> bytes / 4;
                        default -> bytes / 2;
                    }];
            switch (e.dtype()) {
                case "F32" -> buf.asFloatBuffer().get(out);
                case "BF16" -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
                    }
                }
                default -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = HalfFloats.toFloat(buf.getShort());
                    }
                }
            }
            return new Tensor(e.shape().clone(), out);
        }

        private Entry entry(String name) throws IOException {
            Entry e = entries.get(name);
            if (e == null) {
                throw corrupt("has no tensor '" + name + "'");
            }
            return e;
        }

        private void readFully(ByteBuffer buf, long position) throws IOException {
            long pos = position;
            while (buf.hasRemaining()) {
                int n = channel.read(buf, pos);
                if (n < 0) {
                    throw corrupt("ended early at byte " + pos + " (truncated)");
                }
                pos += n;
            }
        }

        private IOException corrupt(String what) {
            return new IOException("safetensors file " + file + " " + what);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Opens {@code file} and validates its header. */
    public static Reader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "safetensors file not found");
        }
        return new Reader(file);
    }
}
