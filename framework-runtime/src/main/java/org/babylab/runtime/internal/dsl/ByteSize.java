package org.babylab.runtime.internal.dsl;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses memory sizes as written in {@code devices:} and {@code --devices}: a plain byte count ({@code 85899345920}) or a
 * number with a unit, decimal ({@code kB MB GB TB}, powers of 1000) or binary ({@code KiB MiB GiB
 * TiB}, powers of 1024), e.g. {@code 80GB}, {@code 40GiB}, {@code 1.5 GiB}. Stateless, thread-safe.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L),
            Map.entry("b", 1L),
            Map.entry("kb", 1000L),
            Map.entry("mb", 1000L * 1000),
            Map.entry("gb", 1000L * 1000 * 1000),
            Map.entry("tb", 1000L * 1000 * 1000 * 1000),
            Map.entry("kib", 1L << 10),
            Map.entry("mib", 1L << 20),
            Map.entry("gib", 1L << 30),
            Map.entry("tib", 1L << 40));

    private ByteSize() {}

    /**
     * The number of bytes {@code text} denotes.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        Long unit = m.matches() ? UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a memory size; write bytes or a number with a unit"
                            + " (kB, MB, GB, TB or KiB, MiB, GiB, TiB), e.g. 80GB or 40GiB");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        try {
            return bytes.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("memory size '" + text + "' is too large", e);
        }
    }
}
