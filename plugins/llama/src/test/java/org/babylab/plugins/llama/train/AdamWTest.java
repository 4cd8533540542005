package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.babylab.plugins.llama.model.DjlDevices;
import org.junit.jupiter.api.Test;

class AdamWTest {
    private static final long[][] SHAPES = {{300, 7}, {70_001}, {16}};

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    /** Runs five updates (gradient scale 0.5, decay on all but "p2") and returns parameters and moments by name. */
    private static Map<String, float[]> train(boolean fused, int threads) {
        int before = DjlDevices.threads();
        DjlDevices.setThreads(threads);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            SplittableRandom r = new SplittableRandom(3);
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (int i = 0; i < SHAPES.length; i++) {
                int n = Math.toIntExact(new Shape(SHAPES[i]).size());
                params.put("p" + i, m.create(FloatBuffer.wrap(random(r, n, 1)), new Shape(SHAPES[i])));
            }
            AdamW adam = new AdamW(m, params, Set.of("p2"), 0.9, 0.95, 1e-8, 0.1);
            adam.fusedOnHost(fused);
            for (int step = 0; step < 5; step++) {
                Map<String, NDArray> grads = new LinkedHashMap<>();
                params.forEach((k, p) ->
                        grads.put(k, m.create(FloatBuffer.wrap(random(r, (int) p.size(), 1e-3)), p.getShape())));
                adam.step(params, grads, 0.5, 1e-2);
            }
            Map<String, float[]> out = new LinkedHashMap<>();
            params.forEach((k, p) -> out.put(k, p.toFloatArray()));
            out.putAll(adam.exportState());
            return out;
        } finally {
            DjlDevices.setThreads(before);
        }
    }

    @Test
    void the_fused_host_update_matches_the_tensor_operations_to_float_rounding() {
        Map<String, float[]> fused = train(true, 2);
        Map<String, float[]> tensor = train(false, 2);
        assertEquals(tensor.keySet(), fused.keySet());
        for (String k : tensor.keySet()) {
            float[] a = tensor.get(k);
            float[] b = fused.get(k);
            for (int i = 0; i < a.length; i++) {
                // Relative to the value or to the size of five updates (lr 1e-2), whichever is larger.
                assertEquals(a[i], b[i], 1e-6 * Math.max(0.05, Math.abs(a[i])), k + "[" + i + "]");
            }
        }
        // The update did something: parameters moved from their initial values.
        assertNotEquals(new SplittableRandom(3).nextGaussian(), fused.get("p0")[0], 1e-4);
    }

    @Test
    void the_fused_host_update_does_not_depend_on_the_thread_count() {
        Map<String, float[]> one = train(true, 1);
        Map<String, float[]> two = train(true, 2);
        for (String k : one.keySet()) {
            assertArrayEquals(one.get(k), two.get(k), k);
        }
    }
}
