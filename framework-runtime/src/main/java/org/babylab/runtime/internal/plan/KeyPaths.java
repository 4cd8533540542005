package org.babylab.runtime.internal.plan;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the config of a data-reading component independent of how its paths are spelled before it
 * goes into a key: {@code corpus/train.txt}, {@code ./corpus/train.txt} and
 * {@code /home/me/study/corpus/train.txt} (the same file) must give one key, or the same data given
 * absolute would re-run the tokenizer, the model and everything after it. A string that looks like
 * a path (it has a separator or starts with a dot) and resolves, against the experiment's
 * directory, to something that exists is replaced by its resolved form: relative to that directory
 * when inside it (so a project moved with its store keeps its keys), else absolute and normalised.
 * A glob keeps its pattern after its resolved directory prefix. Anything else (reference names,
 * options, paths to nothing) is left as written. The data itself is keyed by content through the
 * key document's file hashes. Stateless.
 */
final class KeyPaths {
    private KeyPaths() {}

    /** {@code config} with every path-like string replaced by its spelling-independent form. */
    static Map<String, Object> normalise(Map<String, Object> config, Path baseDir) {
        Path base = baseDir.toAbsolutePath().normalize();
        Map<String, Object> out = new LinkedHashMap<>();
        config.forEach((k, v) -> out.put(k, value(v, base)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object v, Path base) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, value(x, base)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(value(x, base)));
            return out;
        }
        return v instanceof String s ? path(s, base) : v;
    }

    static String path(String s, Path base) {
        if (s.isEmpty() || !(s.indexOf('/') >= 0 || s.indexOf('\\') >= 0 || s.startsWith("."))) {
            return s;
        }
        int glob = firstGlobChar(s);
        int cut = glob < 0 ? s.length() : Math.max(s.lastIndexOf('/', glob), s.lastIndexOf('\\', glob)) + 1;
        String fixed = s.substring(0, cut);
        String pattern = s.substring(cut);
        try {
            Path p = base.resolve(fixed).normalize();
            if (!Files.exists(p)) {
                return s;
            }
            String label = p.startsWith(base)
                    ? base.relativize(p).toString().replace('\\', '/')
                    : p.toString().replace('\\', '/');
            if (pattern.isEmpty()) {
                return label;
            }
            return label.isEmpty() ? pattern : label + "/" + pattern;
        } catch (InvalidPathException e) {
            return s;
        }
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
