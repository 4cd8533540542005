package org.babylab.runtime.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.babylab.runtime.internal.report.Figures.Section;
import org.babylab.runtime.internal.report.ReportData.Condition;
import org.babylab.runtime.internal.report.ReportData.ModelRun;
import org.babylab.runtime.internal.report.ReportData.Score;
import org.babylab.runtime.internal.report.ReportData.Task;
import org.babylab.runtime.internal.report.ReportSettings.Figure;
import org.babylab.runtime.internal.store.AtomicFiles;

/**
 * The study report: one self-contained HTML page ({@code index.html}) with every figure inlined as
 * SVG, the results pivoted by the sweep axes, tie rates with warnings, and each row's provenance in a
 * collapsed block; plus every figure as its own SVG and PNG under {@code figures/}. The page loads
 * nothing: no script, no font, no image from anywhere, which its Content-Security-Policy also
 * enforces, so it opens offline and from an archive.
 */
public final class HtmlReport {
    private final ReportData data;
    private final ReportSettings settings;
    private final RunInfo info;
    private final List<Section> sections;
    /** The results table, for its benchmark macro averages; null when not given. */
    private final ResultsTable table;

    /**
     * Draws the figures the settings choose.
     *
     * @param curves the learning curves to draw (none until training stages record per-step metrics)
     */
    public HtmlReport(ReportData data, ReportSettings settings, RunInfo info, List<TrainingCurve> curves) {
        this(data, settings, info, curves, null);
    }

    /**
     * Draws the figures the settings choose and adds the table's benchmark macro averages.
     *
     * @param table the results the data was collected from, or null for no benchmark section
     */
    public HtmlReport(
            ReportData data, ReportSettings settings, RunInfo info, List<TrainingCurve> curves, ResultsTable table) {
        this.table = table;
        this.data = data;
        this.settings = settings;
        this.info = info;
        List<Section> out = new ArrayList<>();
        for (Figure f : settings.figures()) {
            String title = settings.titleOf(f);
            out.add(
                    switch (f) {
                        case BARS -> Figures.bars(data, title);
                        case ZSCORES -> Figures.zScores(data, title);
                        case HEATMAPS -> Figures.heatMaps(data, title);
                        case CURVES -> Figures.curves(curves, title);
                    });
        }
        this.sections = List.copyOf(out);
    }

    /** Every drawn chart, in page order. */
    public List<Chart> charts() {
        return sections.stream().flatMap(s -> s.charts().stream()).toList();
    }

    /**
     * Writes {@code dir/index.html} and {@code dir/figures/<id>.svg|png}; figure files of an earlier
     * report that this one no longer draws are removed. The page is written last, atomically.
     *
     * @return the page
     * @throws UncheckedIOException naming the file that could not be written
     */
    public Path write(Path dir) {
        Path figures = dir.resolve("figures");
        try {
            Files.createDirectories(figures);
            Set<String> written = new HashSet<>();
            for (Chart c : charts()) {
                AtomicFiles.write(
                        figures.resolve(c.id() + ".svg").toAbsolutePath(),
                        c.svgDocument().getBytes(StandardCharsets.UTF_8));
                AtomicFiles.write(figures.resolve(c.id() + ".png").toAbsolutePath(), c.png());
                written.add(c.id() + ".svg");
                written.add(c.id() + ".png");
            }
            try (DirectoryStream<Path> old = Files.newDirectoryStream(figures, "*.{svg,png}")) {
                for (Path p : old) {
                    if (!written.contains(p.getFileName().toString())) {
                        Files.deleteIfExists(p); // another run writing the same report may have removed it
                    }
                }
            }
            Path page = dir.resolve("index.html");
            AtomicFiles.write(page.toAbsolutePath(), html().getBytes(StandardCharsets.UTF_8));
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The page. */
    public String html() {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = settings.title() != null ? settings.title() : data.experiment() + ": results";
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append(
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc(title))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<h1>").append(esc(title)).append("</h1>\n");
        summary(h);
        h.append("</header>\n<nav>");
        for (Section s : sections) {
            h.append("<a href=\"#")
                    .append(s.kind().id())
                    .append("\">")
                    .append(esc(s.title()))
                    .append("</a> ");
        }
        h.append("<a href=\"#tables\">Tables</a> ");
        if (table != null && !table.benchmarks().isEmpty()) {
            h.append("<a href=\"#benchmarks\">Benchmark averages</a> ");
        }
        h.append("<a href=\"#results\">All results</a></nav>\n<main>\n");
        tieWarnings(h);
        for (Section s : sections) {
            h.append("<section id=\"")
                    .append(s.kind().id())
                    .append("\">\n<h2>")
                    .append(esc(s.title()))
                    .append("</h2>\n");
            for (String n : s.notes()) {
                h.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
            }
            for (Chart c : s.charts()) {
                h.append("<figure class=\"chart\" id=\"")
                        .append(c.id())
                        .append("\">\n<figcaption><strong>")
                        .append(esc(c.title()))
                        .append("</strong> ")
                        .append(esc(c.caption()))
                        .append(" <span class=\"files\">")
                        .append("<a href=\"figures/")
                        .append(c.id())
                        .append(".svg\">SVG</a> · <a href=\"figures/")
                        .append(c.id())
                        .append(".png\">PNG</a></span></figcaption>\n<div class=\"plot\" style=\"max-width:")
                        .append(c.width())
                        .append("px\">")
                        .append(c.inlineSvg())
                        .append("</div>\n</figure>\n");
            }
            h.append("</section>\n");
        }
        pivots(h);
        benchmarks(h);
        allResults(h);
        h.append("</main>\n<footer>Written by BabyLab ")
                .append(esc(String.valueOf(info.babylabVersion())))
                .append(" at ")
                .append(esc(info.at().toString()))
                .append(" from the store ")
                .append(esc(info.store().toString()))
                .append(". Figures: JFreeChart, drawn to SVG with JFreeSVG.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private void summary(StringBuilder h) {
        long ok = 0;
        long failed = 0;
        long missing = 0;
        for (Map<String, Score> byModel : data.scores().values()) {
            for (Score s : byModel.values()) {
                switch (s.status()) {
                    case OK -> ok++;
                    case FAILED -> failed++;
                    case MISSING -> missing++;
                }
            }
        }
        h.append("<dl class=\"summary\">\n");
        dd(h, "experiment file", info.file().toAbsolutePath().normalize().toString());
        dd(h, "overrides", info.overrides().isEmpty() ? "none" : String.join("  ", info.overrides()));
        dd(
                h,
                "models",
                data.models().size() + " evaluated model(s)"
                        + (data.axes().isEmpty()
                                ? ""
                                : "; sweep axes " + String.join(", ", data.axes())
                                        + (data.replicateAxis() == null
                                                ? ""
                                                : " (" + data.replicateAxis() + ": replicates)")));
        dd(
                h,
                "tasks",
                data.tasks().size() + ": "
                        + String.join(
                                ", ", data.tasks().stream().map(Task::name).toList()));
        dd(
                h,
                "evaluations",
                ok + " with results" + (failed > 0 ? ", " + failed + " failed" : "")
                        + (missing > 0 ? ", " + missing + " not run yet" : ""));
        dd(h, "written", info.at().toString());
        h.append("</dl>\n");
    }

    private void tieWarnings(StringBuilder h) {
        List<String> warnings = new ArrayList<>();
        for (Task t : data.tasks()) {
            for (ModelRun m : data.models()) {
                Score s = data.scores().getOrDefault(t.name(), Map.of()).get(m.id());
                if (s != null && s.tieRate() > settings.tieWarning()) {
                    warnings.add(esc(t.name()) + " on <b>" + esc(label(m)) + "</b>: " + pct(s.tieRate()) + " of "
                            + s.result().items() + " items are ties; its " + esc(t.primaryMetric()) + " of "
                            + num(s.value()) + " " + tieRule(s) + ".");
                }
            }
        }
        if (warnings.isEmpty()) {
            return;
        }
        h.append("<section id=\"warnings\" class=\"warn\">\n<h2>&#9888; Ties above ")
                .append(pct(settings.tieWarning()))
                .append(" of items</h2>\n<ul>\n");
        warnings.forEach(w -> h.append("<li>").append(w).append("</li>\n"));
        h.append(
                "</ul>\n<p class=\"note\">A tie (equal scores for the good and the bad sentence) says the model cannot tell them apart;"
                        + " read these accuracies with that in mind. Set the threshold with report.tie_warning.</p>\n</section>\n");
    }

    private static String tieRule(Score s) {
        Double gold = s.result().metrics().get("ties_count_as_gold");
        return gold != null && gold == 1.0 ? "counts them as correct (the pipeline's rule)" : "counts them as wrong";
    }

    /**
     * Per benchmark (every glue task counts towards {@code glue}), each row's macro average over the
     * benchmark's tasks, as the results table computes it: a value only when every task has a result,
     * else "partial" with the tasks that have none; then the replicate summaries of the average.
     */
    private void benchmarks(StringBuilder h) {
        if (table == null || table.benchmarks().isEmpty()) {
            return;
        }
        h.append("<section id=\"benchmarks\">\n<h2>Benchmark averages</h2>\n");
        for (Benchmark b : table.benchmarks()) {
            h.append("<h3>")
                    .append(esc(b.name()))
                    .append(": macro average over its ")
                    .append(b.tasks().size())
                    .append(" tasks</h3>\n")
                    .append("<p class=\"note\">The mean of each task's primary metric (")
                    .append(esc(String.join(", ", b.tasks())))
                    .append(
                            "). A row missing a task is marked partial and has no average: an average over fewer tasks is not the ")
                    .append(esc(b.name()))
                    .append(" score.</p>\n<table class=\"results\">\n<thead><tr><th>trial</th><th>model</th>")
                    .append(
                            "<th class=\"num\">macro average</th><th class=\"num\">tasks</th><th>no result for</th></tr></thead>\n<tbody>\n");
            for (ResultsTable.Row r : table.rows()) {
                BenchmarkAverage m = b.average(r);
                h.append("<tr><td>")
                        .append(esc(r.trial()))
                        .append("</td><td>")
                        .append(esc(r.model()))
                        .append("</td><td class=\"num\">")
                        .append(m.partial() ? "partial" : num(m.value()))
                        .append("</td><td class=\"num\">")
                        .append(m.done())
                        .append('/')
                        .append(m.of())
                        .append("</td><td>")
                        .append(esc(String.join(", ", m.missing())))
                        .append("</td></tr>\n");
            }
            for (ReplicateSummary sm : table.summaries()) {
                Aggregate a = sm.cells().get(b.column());
                h.append("<tr><td>")
                        .append(esc(sm.trial()))
                        .append("</td><td>")
                        .append(esc(sm.model()))
                        .append("</td><td class=\"num\">")
                        .append(esc(a.text()))
                        .append("</td><td class=\"num\"></td><td></td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</section>\n");
    }

    /** Per task, conditions pivoted by a sweep axis; without a sweep, models by tasks. */
    private void pivots(StringBuilder h) {
        h.append("<section id=\"tables\">\n<h2>Tables</h2>\n");
        List<String> grouping = data.groupingAxes();
        if (grouping.isEmpty()) {
            List<PivotTable.Entry> entries = new ArrayList<>();
            for (Task t : data.tasks()) {
                Map<String, Double> means = data.conditionMeans(t.name());
                for (Condition c : data.conditions()) {
                    entries.add(new PivotTable.Entry(
                            c.id(),
                            Map.of("model", c.name(), "task", t.name()),
                            means.getOrDefault(c.id(), Double.NaN)));
                }
            }
            h.append("<p class=\"note\">Primary metric of each task (")
                    .append(esc(metricList()))
                    .append(").")
                    .append(
                            data.replicateAxis() == null
                                    ? ""
                                    : " Values are means over " + esc(data.replicateAxis())
                                            + ", &plusmn; one sample sd (n &minus; 1) where a model has more than one distinct result.")
                    .append("</p>\n");
            pivotTable(h, PivotTable.of(entries, List.of("model"), "task"), null);
        } else {
            String column =
                    settings.pivotColumns() != null ? settings.pivotColumns() : grouping.get(grouping.size() - 1);
            List<String> rowDims = new ArrayList<>(List.of("model"));
            grouping.stream().filter(a -> !a.equals(column)).forEach(rowDims::add);
            for (Task t : data.tasks()) {
                if (t.primaryMetric() == null) {
                    continue;
                }
                Map<String, Double> means = data.conditionMeans(t.name());
                List<PivotTable.Entry> entries = new ArrayList<>();
                for (Condition c : data.conditions()) {
                    Map<String, String> dims = new LinkedHashMap<>(c.axisValues());
                    dims.put("model", c.name());
                    entries.add(new PivotTable.Entry(c.id(), dims, means.getOrDefault(c.id(), Double.NaN)));
                }
                h.append("<h3>")
                        .append(esc(t.name()))
                        .append(": ")
                        .append(esc(t.primaryMetric()))
                        .append(" by ")
                        .append(esc(column))
                        .append("</h3>\n");
                pivotTable(h, PivotTable.of(entries, rowDims, column), t);
            }
            h.append("<p class=\"note\">A value spanning every column belongs to a model shared along ")
                    .append(esc(column))
                    .append(" (trained once, used by each), so it is shown once.")
                    .append(
                            data.replicateAxis() == null
                                    ? ""
                                    : " Values are means over " + esc(data.replicateAxis())
                                            + ", &plusmn; one sample sd.")
                    .append("</p>\n");
        }
        h.append("</section>\n");
    }

    private Task taskNamed(String name) {
        return data.tasks().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    private void pivotTable(StringBuilder h, PivotTable p, Task taskOf) {
        h.append("<table class=\"pivot\">\n<thead><tr>");
        p.rowDims().forEach(d -> h.append("<th>").append(esc(d)).append("</th>"));
        p.columns().forEach(c -> h.append("<th class=\"num\">").append(esc(c)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (PivotTable.Row r : p.rows()) {
            h.append("<tr>");
            r.header()
                    .forEach(v -> h.append("<td>")
                            .append(v.isEmpty() ? "<span class=\"shared\">all</span>" : esc(v))
                            .append("</td>"));
            int column = 0;
            for (PivotTable.Cell cell : r.cells()) {
                // Tasks as columns (no grouping axis): each column is its own task, for sd and tie flags.
                Task task = taskOf != null
                        ? taskOf
                        : "task".equals(p.columnDim()) ? taskNamed(p.columns().get(column)) : null;
                column += cell.span();
                PivotTable.Cell c = cell;
                h.append("<td class=\"num")
                        .append(c.span() > 1 ? " span" : "")
                        .append("\"")
                        .append(c.span() > 1 ? " colspan=\"" + c.span() + "\"" : "")
                        .append(">");
                if (c.id() != null && !Double.isNaN(c.value())) {
                    h.append(num(c.value()));
                    if (task != null) {
                        Double sd = data.conditionSds(task.name()).get(c.id());
                        if (sd != null && !sd.isNaN()) {
                            h.append(" &plusmn; ").append(num(sd));
                        }
                        if (tiesFlagged(task, data.condition(c.id()))) {
                            h.append(" <span class=\"flag\" title=\"ties above ")
                                    .append(pct(settings.tieWarning()))
                                    .append(" of items\">&#9888;</span>");
                        }
                    }
                } else {
                    h.append("&ndash;");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private boolean tiesFlagged(Task task, Condition c) {
        return c.modelIds().stream()
                .map(m -> data.scores().getOrDefault(task.name(), Map.of()).get(m))
                .anyMatch(s -> s != null && s.tieRate() > settings.tieWarning());
    }

    /** Every evaluated model once: sweep values, each task's metric and tie rate, and the row's provenance. */
    private void allResults(StringBuilder h) {
        h.append(
                "<section id=\"results\">\n<h2>All results</h2>\n<p class=\"note\">One row per evaluated model (a model shared by several"
                        + " sweep trials appears once). Open a row's provenance for its keys, trials, overrides and dates;"
                        + " <code>babylab explain FILE STEP</code> tells why a step would run again.</p>\n<table class=\"results\">\n<thead><tr><th>model</th>");
        data.axes().forEach(a -> h.append("<th>").append(esc(a)).append("</th>"));
        boolean[] hasTies = new boolean[data.tasks().size()];
        for (int i = 0; i < data.tasks().size(); i++) {
            Task t = data.tasks().get(i);
            hasTies[i] = data.scores().getOrDefault(t.name(), Map.of()).values().stream()
                    .anyMatch(s -> !Double.isNaN(s.tieRate()));
            h.append("<th class=\"num\">")
                    .append(esc(t.name()))
                    .append(t.primaryMetric() == null ? "" : "<br><small>" + esc(t.primaryMetric()) + "</small>")
                    .append("</th>");
            if (hasTies[i]) {
                h.append("<th class=\"num\">ties</th>");
            }
        }
        h.append("<th>provenance</th></tr></thead>\n<tbody>\n");
        for (ModelRun m : data.models()) {
            h.append("<tr><td>").append(esc(m.name())).append("</td>");
            for (String a : data.axes()) {
                String v = m.valueOf(a);
                h.append("<td>")
                        .append(
                                v != null
                                        ? esc(v)
                                        : "<span class=\"shared\">"
                                                + esc(String.join(
                                                        ", ", m.axisValues().get(a))) + "</span>")
                        .append("</td>");
            }
            List<String> dates = new ArrayList<>();
            for (int i = 0; i < data.tasks().size(); i++) {
                Task t = data.tasks().get(i);
                Score s = data.scores().getOrDefault(t.name(), Map.of()).get(m.id());
                boolean flag = s != null && s.tieRate() > settings.tieWarning();
                h.append("<td class=\"num")
                        .append(flag ? " flagged" : "")
                        .append("\">")
                        .append(cell(s))
                        .append("</td>");
                if (hasTies[i]) {
                    h.append("<td class=\"num")
                            .append(flag ? " flagged" : "")
                            .append("\">")
                            .append(
                                    s == null || Double.isNaN(s.tieRate())
                                            ? "&ndash;"
                                            : pct(s.tieRate()) + (flag ? " &#9888;" : ""))
                            .append("</td>");
                }
                if (s != null && s.finishedAt() != null) {
                    dates.add(s.finishedAt());
                }
            }
            h.append("<td><details><summary>keys, trials, date</summary><dl>");
            dd(h, "model key", m.id());
            dd(h, "trials", String.join("; ", m.trials()));
            dd(h, "overrides", info.overrides().isEmpty() ? "none" : String.join("  ", info.overrides()));
            for (Task t : data.tasks()) {
                Score s = data.scores().getOrDefault(t.name(), Map.of()).get(m.id());
                if (s != null) {
                    dd(
                            h,
                            t.name(),
                            s.evalKey() + " (" + s.status().name().toLowerCase(Locale.ROOT)
                                    + (s.finishedAt() == null ? "" : ", finished " + s.finishedAt()) + ")");
                }
            }
            dd(
                    h,
                    "date",
                    dates.isEmpty()
                            ? "not evaluated yet"
                            : dates.stream().max(String::compareTo).orElseThrow());
            h.append("</dl></details></td></tr>\n");
        }
        h.append("</tbody></table>\n</section>\n");
    }

    private String metricList() {
        List<String> out = new ArrayList<>();
        data.tasks()
                .forEach(t ->
                        out.add(t.name() + ": " + (t.primaryMetric() == null ? "no result yet" : t.primaryMetric())));
        return String.join("; ", out);
    }

    private String label(ModelRun m) {
        StringBuilder sb = new StringBuilder(m.name());
        for (String a : data.axes()) {
            if (m.valueOf(a) != null && data.groupingAxes().contains(a)
                    || a.equals(data.replicateAxis()) && m.valueOf(a) != null) {
                sb.append(' ').append(a).append('=').append(m.valueOf(a));
            }
        }
        return sb.toString();
    }

    private static String cell(Score s) {
        if (s == null) {
            return "&ndash;";
        }
        return switch (s.status()) {
            case OK -> num(s.value());
            case FAILED -> "<span class=\"fail\">FAIL</span>";
            case MISSING -> "<span class=\"shared\">not run</span>";
        };
    }

    private static void dd(StringBuilder h, String term, String value) {
        h.append("<dt>")
                .append(esc(term))
                .append("</dt><dd>")
                .append(esc(value))
                .append("</dd>\n");
    }

    /** Three decimals below 1, fewer as values grow: enough to compare models, no false precision. */
    static String num(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a < 10 ? "%.3f" : a < 100 ? "%.2f" : "%.1f", v);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** Escapes text for HTML content and attribute values. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#222;background:#fafafa}
            header,main,footer,nav{max-width:1200px;margin:0 auto;padding:0 24px}
            header{padding-top:16px}
            h1{font-size:1.6em;margin:.4em 0}
            h2{font-size:1.25em;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:1.6em}
            h3{font-size:1.05em;margin:1.2em 0 .4em}
            nav{padding-bottom:8px}
            nav a{margin-right:14px;color:#1f5fa8}
            dl.summary{display:grid;grid-template-columns:max-content auto;gap:2px 16px;font-size:.92em}
            dt{color:#666}
            dd{margin:0;word-break:break-all}
            figure.chart{background:#fff;border:1px solid #e3e3e3;border-radius:6px;margin:16px 0;padding:10px}
            figure.chart svg{width:100%;height:auto;display:block}
            figcaption{font-size:.9em;color:#444;margin-bottom:6px}
            .files{margin-left:8px;font-size:.9em}
            .files a{color:#1f5fa8}
            p.note{color:#555;font-size:.9em}
            table{border-collapse:collapse;background:#fff;font-size:.9em;margin:8px 0}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f0f0f0}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            td.span{text-align:center;background:#f7f9fc}
            .shared{color:#888;font-style:italic}
            .flagged{background:#fff3cd}
            .flag{color:#b45309}
            .fail{color:#b91c1c;font-weight:bold}
            section.warn{background:#fff3cd;border:1px solid #f0c36d;border-radius:6px;padding:4px 16px;margin-top:16px}
            section.warn h2{border:none;color:#8a5a00}
            details summary{cursor:pointer;color:#1f5fa8}
            details dl{display:grid;grid-template-columns:max-content auto;gap:2px 10px;font-size:.85em;max-width:640px}
            footer{color:#777;font-size:.8em;padding:24px}
            """;
}
