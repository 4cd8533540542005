package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Loads a report page in headless Chromium (Debian's {@code chromium}) with the network blocked and
 * checks what a reader would see: every figure laid out with coloured data marks (bars, dots, heat-map
 * cells), and no resource requested from anywhere. Saves a full-page screenshot for a person to look at.
 *
 * <p>The measuring runs in a copy of the page without its Content-Security-Policy and with a script
 * added, so that a reference to the network would really be requested and show in the page's
 * resource timing (which lists failed requests too) instead of being silently blocked.
 */
final class BrowserCheck {
    private static final Pattern CHECK = Pattern.compile("<pre id=\"babylab-check\">(.*?)</pre>", Pattern.DOTALL);
    private static final Pattern FIGURE = Pattern.compile("<figure class=\"chart\" id=\"([^\"]+)\"");
    private static final Pattern CSP = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\"[^>]*>");
    /** References that would leave the machine: any absolute or protocol-relative URL in an attribute or CSS. */
    private static final Pattern REMOTE = Pattern.compile(
            "(?i)(?:src|href|xlink:href|action|poster|srcset)\\s*=\\s*['\"]?\\s*(?:[a-z][a-z0-9+.-]*:|//)"
                    + "|url\\(\\s*['\"]?\\s*(?:[a-z]+:|//)|@import|<script|<link|<iframe|<object|<embed");

    private static final String SCRIPT = """
            <pre id="babylab-check"></pre>
            <script>
            function colourful(c) {
              const m = /rgba?\\((\\d+), (\\d+), (\\d+)(?:, ([\\d.]+))?\\)/.exec(c);
              if (!m || (m[4] !== undefined && +m[4] === 0)) return false;
              const v = [+m[1], +m[2], +m[3]], max = Math.max(...v), min = Math.min(...v);
              return max > 0 && (max - min) / max > 0.25;
            }
            window.addEventListener('load', () => setTimeout(() => {
              const out = {figures: [], resources: performance.getEntriesByType('resource').map(e => e.name),
                           height: document.documentElement.scrollHeight};
              for (const f of document.querySelectorAll('figure.chart')) {
                const svg = f.querySelector('svg');
                const r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
                let marks = 0;
                if (svg) for (const el of svg.querySelectorAll('rect,path,line,polyline,polygon,circle,ellipse')) {
                  const b = el.getBBox();
                  if (b.width <= 0 && b.height <= 0) continue;
                  const cs = getComputedStyle(el);
                  if (colourful(cs.fill) || colourful(cs.stroke)) marks++;
                }
                out.figures.push({id: f.id, width: r.width, height: r.height, marks: marks,
                                  texts: svg ? svg.querySelectorAll('text').length : 0});
              }
              document.getElementById('babylab-check').textContent = JSON.stringify(out);
            }, 300));
            </script>
            """;

    /**
     * What the browser saw.
     *
     * @param figureIds the figures in the page, in order
     * @param marks per figure, the coloured marks drawn with a non-empty box
     * @param resources every URL the page requested
     * @param screenshot the saved screenshot
     */
    record Result(List<String> figureIds, List<Integer> marks, List<String> resources, Path screenshot) {}

    private BrowserCheck() {}

    /** The Chromium binary: {@code $BABYLAB_CHROMIUM}, else {@code chromium}, {@code chromium-browser} or {@code google-chrome} on the PATH. */
    static Optional<Path> chromium() {
        String env = System.getenv("BABYLAB_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test, saying how to enable it, when no Chromium is installed. */
    static Path requireChromium() {
        Optional<Path> c = chromium();
        Assumptions.assumeTrue(
                c.isPresent(),
                "no headless Chromium (chromium, chromium-browser or google-chrome on the PATH, or $BABYLAB_CHROMIUM):"
                        + " skipping the browser check of the report; install it with: apt-get install chromium");
        return c.get();
    }

    /**
     * What the measuring copy of a page reported.
     *
     * @param figures per figure: id, width, height, marks (coloured shapes with a non-empty box), texts
     * @param resources every URL the page requested, failed requests included
     * @param height the page's full height in CSS pixels
     */
    record Measurement(List<JsonNode> figures, List<String> resources, int height) {}

    /** Asserts that {@code html} references nothing outside itself (no remote URL, script, stylesheet link or frame). */
    static void assertSelfContained(String html, Path page) {
        Matcher remote = REMOTE.matcher(html);
        if (remote.find()) {
            throw new AssertionError("the page references something outside itself: '"
                    + html.substring(remote.start(), Math.min(html.length(), remote.start() + 80)) + "' in " + page);
        }
    }

    /**
     * Loads a copy of {@code page} without its Content-Security-Policy and with a measuring script, so
     * that a remote reference is really requested (and fails: the network is blocked) and shows up.
     */
    static Measurement measure(Path page, Path work) throws IOException, InterruptedException {
        Path browser = requireChromium();
        Files.createDirectories(work);
        Path probe = work.resolve("measure.html");
        String copy = CSP.matcher(Files.readString(page)).replaceFirst("");
        Files.writeString(probe, copy.replace("</body>", SCRIPT + "</body>"));
        String dom = run(
                browser,
                work,
                "--virtual-time-budget=5000",
                "--dump-dom",
                probe.toUri().toString());
        Matcher m = CHECK.matcher(dom);
        assertTrue(
                m.find() && !m.group(1).isBlank(), "the measuring script did not run; Chromium printed:\n" + tail(dom));
        JsonNode out = new ObjectMapper()
                .readTree(m.group(1)
                        .replace("&quot;", "\"")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&"));
        List<JsonNode> figures = new ArrayList<>();
        out.get("figures").forEach(figures::add);
        List<String> resources = new ArrayList<>();
        out.get("resources").forEach(r -> resources.add(r.asText()));
        return new Measurement(figures, resources, out.get("height").asInt());
    }

    /**
     * Checks a report page and saves its screenshot as {@code screenshot}: it references nothing remote,
     * requests nothing, and every figure is laid out with coloured data marks and text.
     *
     * @param work a scratch directory (browser profile, the measuring copy)
     */
    static Result check(Path page, Path screenshot, Path work) throws IOException, InterruptedException {
        Path browser = requireChromium();
        String html = Files.readString(page);
        assertSelfContained(html, page);
        List<String> expected = new ArrayList<>();
        FIGURE.matcher(html).results().forEach(m -> expected.add(m.group(1)));
        assertTrue(!expected.isEmpty(), "the page has figures: " + page);

        Measurement out = measure(page, work);
        List<String> ids = new ArrayList<>();
        List<Integer> marks = new ArrayList<>();
        for (JsonNode f : out.figures()) {
            String id = f.get("id").asText();
            ids.add(id);
            marks.add(f.get("marks").asInt());
            assertTrue(
                    f.get("width").asDouble() > 200 && f.get("height").asDouble() > 100,
                    "figure " + id + " is laid out: " + f);
            assertTrue(f.get("marks").asInt() > 0, "figure " + id + " has drawn data marks: " + f);
            assertTrue(f.get("texts").asInt() > 0, "figure " + id + " has axis labels: " + f);
        }
        assertEquals(expected, ids, "every figure of the page was measured");
        assertEquals(List.of(), out.resources(), "the page requested nothing");

        int height = Math.max(800, Math.min(16000, out.height()));
        Files.createDirectories(screenshot.toAbsolutePath().getParent());
        Files.deleteIfExists(screenshot);
        run(
                browser,
                work,
                "--window-size=1280," + height,
                "--hide-scrollbars",
                "--screenshot=" + screenshot.toAbsolutePath(),
                page.toUri().toString());
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot was saved: " + screenshot);
        return new Result(ids, marks, out.resources(), screenshot);
    }

    /** Runs Chromium headless with the network blocked (every host name fails to resolve), returns stdout. */
    private static String run(Path browser, Path work, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                browser.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + work.resolve("profile")));
        cmd.addAll(List.of(args));
        Path log = work.resolve("chromium.log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish in 120 s: " + cmd);
        }
        String out = new String(stdout, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "Chromium failed: " + cmd + "\n" + tail(Files.readString(log)));
        return out;
    }

    private static String tail(String s) {
        return s.length() <= 3000 ? s : s.substring(s.length() - 3000);
    }
}
