package org.babylab.runtime.cli;

import java.util.Locale;

/** Parses memory sizes such as {@code 80GB}, {@code 40GiB}, {@code 512MB} or plain bytes. */
final class ByteSizes {
    private ByteSizes() {}

    static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        String[][] units = {{"GIB", "1073741824"}, {"MIB", "1048576"}, {"KIB", "1024"}, {"GB", "1000000000"},
                {"MB", "1000000"}, {"KB", "1000"}, {"G", "1073741824"}, {"M", "1048576"}, {"B", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            return Math.round(Double.parseDouble(t) * unit);
        } catch (NumberFormatException e) {
            throw new UserError("'" + text + "' is not a memory size; expected e.g. 80GB, 40GiB, 512MB or a number of bytes");
        }
    }
}
