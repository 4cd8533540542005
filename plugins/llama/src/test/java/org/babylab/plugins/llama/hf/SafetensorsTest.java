package org.babylab.plugins.llama.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    /** Builds a file by hand: length, header text (padded with {@code pad} trailing spaces), data. */
    private static Path handBuilt(Path dir, String header, int pad, byte[] data) throws IOException {
        byte[] h = (header + " ".repeat(pad)).getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path f = dir.resolve("hand.safetensors");
        Files.write(f, b.array());
        return f;
    }

    @Test
    void bf16_and_f16_tensors_after_an_oddly_padded_header_are_read_as_f32(@TempDir Path dir) throws IOException {
        // bf16: 1.0 = 0x3F80, -2.5 = 0xC020; f16: 0.5 = 0x3800, -65504 = 0xFBFF, smallest subnormal 2^-24 = 0x0001
        ByteBuffer data = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x3F80)
                .putShort((short) 0xC020)
                .putShort((short) 0x3800)
                .putShort((short) 0xFBFF)
                .putShort((short) 0x0001);
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[1,3],\"data_offsets\":[4,10]}}";
        Path f = handBuilt(dir, header, 13, data.array());
        try (Safetensors.Reader r = Safetensors.open(f)) {
            assertArrayEquals(new float[] {1f, -2.5f}, r.read("b").data());
            assertArrayEquals(new float[] {0.5f, -65504f, 0x1p-24f}, r.read("h").data());
            assertArrayEquals(new long[] {1, 3}, r.read("h").shape());
            assertEquals("pt", r.metadata().get("format"));
        }
    }

    @Test
    void written_files_read_back_bit_for_bit(@TempDir Path dir) throws IOException {
        Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
        t.put("a", new Safetensors.Tensor(new long[] {2, 3}, new float[] {
            1, -0f, Float.MIN_VALUE, 3.25f, Float.NaN, 1e30f
        }));
        t.put("scalar", new Safetensors.Tensor(new long[] {}, new float[] {42f}));
        Path f = dir.resolve("w.safetensors");
        Safetensors.write(f, t, Map.of("step", "7"));
        assertEquals(0, (Files.size(f) - 8 - 4 * 7) % 8, "header padded to 8 bytes");
        try (Safetensors.Reader r = Safetensors.open(f)) {
            for (String name : t.keySet()) {
                float[] want = t.get(name).data();
                float[] got = r.read(name).data();
                for (int i = 0; i < want.length; i++) {
                    assertEquals(
                            Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), name + "[" + i + "]");
                }
            }
            assertEquals("7", r.metadata().get("step"));
        }
    }

    @Test
    void a_truncated_file_is_reported_with_the_file_and_the_tensor(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("w.safetensors");
        Safetensors.write(f, Map.of("layer.weight", new Safetensors.Tensor(new long[] {4}, new float[4])), Map.of());
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 3));
        IOException e = assertThrows(IOException.class, () -> Safetensors.open(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("layer.weight"), e.getMessage());
    }

    @Test
    void a_header_length_beyond_the_file_is_reported_as_truncated(@TempDir Path dir) throws IOException {
        Path f = handBuilt(dir, "{}", 0, new byte[0]);
        byte[] all = Files.readAllBytes(f);
        all[0] = 100;
        Files.write(f, all);
        IOException e = assertThrows(IOException.class, () -> Safetensors.open(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void a_missing_tensor_and_an_unsupported_dtype_are_named(@TempDir Path dir) throws IOException {
        Path f = handBuilt(dir, "{\"x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 0, new byte[8]);
        IOException dtype = assertThrows(IOException.class, () -> Safetensors.open(f));
        assertTrue(dtype.getMessage().contains("'x'") && dtype.getMessage().contains("I64"), dtype.getMessage());
        Path g = handBuilt(dir, "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 0, new byte[8]);
        try (Safetensors.Reader r = Safetensors.open(g)) {
            IOException missing = assertThrows(IOException.class, () -> r.read("lm_head.weight"));
            assertTrue(
                    missing.getMessage().contains("lm_head.weight")
                            && missing.getMessage().contains(g.toString()),
                    missing.getMessage());
        }
    }
}
