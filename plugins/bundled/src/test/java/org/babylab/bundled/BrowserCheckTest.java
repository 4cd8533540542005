package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser check can fail: it sees a remote request, an empty figure and a remote reference. */
class BrowserCheckTest {
    @Test
    void a_remote_image_is_seen_as_requested_and_a_grey_only_figure_has_no_marks(@TempDir Path dir) throws Exception {
        BrowserCheck.requireChromium();
        Path page = dir.resolve("page.html");
        Files.writeString(page, """
                <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
                <figure class="chart" id="coloured"><svg viewBox="0 0 300 200" width="300" height="200">
                  <rect x="10" y="10" width="50" height="100" style="fill:rgb(78,121,167)"/><text x="5" y="190">a</text></svg></figure>
                <figure class="chart" id="grey"><svg viewBox="0 0 300 200" width="300" height="200">
                  <rect x="10" y="10" width="50" height="100" style="fill:rgb(200,200,200)"/><text x="5" y="190">b</text></svg></figure>
                <img src="http://canary.invalid/pixel.png" alt="">
                </body></html>
                """);

        BrowserCheck.Measurement m = BrowserCheck.measure(page, dir.resolve("work"));

        assertEquals(List.of("http://canary.invalid/pixel.png"), m.resources(), "the blocked request is still seen");
        assertEquals(1, m.figures().get(0).get("marks").asInt());
        assertEquals(0, m.figures().get(1).get("marks").asInt(), "grey axes and grid lines are not data marks");
        AssertionError e = assertThrows(
                AssertionError.class, () -> BrowserCheck.assertSelfContained(Files.readString(page), page));
        assertTrue(e.getMessage().contains("src=\"http://canary.invalid"), e.getMessage());
    }
}
