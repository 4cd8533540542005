package org.babylab.runtime.cli;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.babylab.runtime.RunOptions;

/**
 * How often a run without a terminal prints its {@code [progress]} lines: {@code --progress-every},
 * else the environment variable {@value #ENV}, else 30 seconds. Values are a number of seconds
 * ({@code 45}) or a number with a unit: {@code 30s}, {@code 2m}, {@code 1h}, {@code 1.5m}. Stateless.
 */
final class ProgressInterval {
    /** The environment variable that sets the interval when {@code --progress-every} is not given. */
    static final String ENV = "BABYLAB_PROGRESS_EVERY";

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|m|h)?");

    private ProgressInterval() {}

    /**
     * @param option the {@code --progress-every} value, or null
     * @throws UserError naming where the bad value came from and the valid forms
     */
    static Duration resolve(String option, Map<String, String> env) {
        if (option != null) {
            return parse(option, "--progress-every");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return parse(fromEnv, "the environment variable " + ENV);
        }
        return RunOptions.DEFAULT_PROGRESS_EVERY;
    }

    static Duration parse(String text, String source) {
        Matcher m = FORM.matcher(text.trim());
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double seconds = amount
                    * switch (unit) {
                        case "h" -> 3600;
                        case "m" -> 60;
                        default -> 1;
                    };
            if (seconds >= 1 && seconds <= 86_400) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        }
        throw new UserError(
                source + " must be an interval from 1s to 24h such as 30s, 2m, 1h or 45 (seconds), not '" + text + "'");
    }
}
