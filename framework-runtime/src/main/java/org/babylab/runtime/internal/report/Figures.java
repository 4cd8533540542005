package org.babylab.runtime.internal.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.babylab.runtime.internal.report.ReportData.Condition;
import org.babylab.runtime.internal.report.ReportData.Task;
import org.babylab.runtime.internal.report.ReportSettings.Figure;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the report's figures from its data, in the layout of the CLASS-IT papers: bar charts of
 * scores (tasks on one axis only when they share a metric, so accuracies and ΔR² never share a scale),
 * box plots of per-task z-scores per model, heat maps of per-group scores and learning curves. Each
 * method returns the section's charts and notes on what could not be drawn and why. Stateless.
 */
final class Figures {
    /** Tableau 10: distinguishable, and readable by most colour-blind readers. */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7),
        new Color(0xF28E2B),
        new Color(0xE15759),
        new Color(0x76B7B2),
        new Color(0x59A14F),
        new Color(0xEDC948),
        new Color(0xB07AA1),
        new Color(0xFF9DA7),
        new Color(0x9C755F),
        new Color(0xBAB0AC)
    };

    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final int WIDTH = 800;

    static {
        // Figures are drawn off-screen: never open a display connection, even where $DISPLAY is set
        // (effective when no AWT class has started the toolkit yet, as in the CLI).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // JFreeChart's default draws rotated labels through TextLayout, which an SVG receives as glyph
        // outlines: ten times the bytes and no selectable text. Rotating the graphics and drawing a
        // string keeps them <text>; the workaround was for JDK 1.4.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Figures() {}

    /**
     * The figures of one section of the report.
     *
     * @param kind the figure kind
     * @param title the section heading
     * @param charts the drawn charts, possibly none
     * @param notes what was not drawn and why, or how to read the charts
     */
    public record Section(Figure kind, String title, List<Chart> charts, List<String> notes) {
        public Section {
            charts = List.copyOf(charts);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Bar charts: per task grouped by the first sweep axis when the study sweeps (e.g. one group of bars
     * per model size, one bar per curriculum); and one chart per metric with a bar per model for each
     * task measured by that metric (accuracy tasks together, ΔR² tasks together). Error bars are one
     * sample standard deviation over the replicate axis when it was swept.
     */
    public static Section bars(ReportData d, String title) {
        List<Chart> charts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> grouping = d.groupingAxes();
        // One colour per model across every chart, whichever models a chart has results for.
        Map<String, Color> byCondition = new LinkedHashMap<>();
        d.conditions().forEach(c -> byCondition.put(c.label(), PALETTE[byCondition.size() % PALETTE.length]));
        Map<String, List<Task>> families = families(d);
        families.forEach((metric, tasks) -> {
            if (!grouping.isEmpty() && tasks.size() < 2) {
                return; // the per-task chart below shows the same bars, better grouped
            }
            DefaultStatisticalCategoryDataset ds = new DefaultStatisticalCategoryDataset();
            for (Task t : tasks) {
                Map<String, Double> means = d.conditionMeans(t.name());
                Map<String, Double> sds = d.conditionSds(t.name());
                for (Condition c : d.conditions()) {
                    if (means.containsKey(c.id())) {
                        ds.add(means.get(c.id()), sds.get(c.id()), c.label(), t.name());
                    }
                }
            }
            if (ds.getRowCount() > 0) {
                charts.add(barChart(
                        "bars-" + slug(metric),
                        tasks.size() == 1 ? tasks.get(0).name() + ": " + metric : metric + " by task",
                        "Each bar is one model" + replicateNote(d) + ".",
                        ds,
                        "task",
                        metric,
                        byCondition));
            }
        });
        if (!grouping.isEmpty()) {
            String axis = grouping.get(0);
            Map<String, Color> bySeries = new LinkedHashMap<>();
            for (Condition c : d.conditions()) {
                Map<String, String> rest = new LinkedHashMap<>(c.axisValues());
                rest.remove(axis);
                bySeries.putIfAbsent(
                        new Condition("-", c.name(), rest, c.modelIds()).label(),
                        PALETTE[bySeries.size() % PALETTE.length]);
            }
            for (Task t : d.tasks()) {
                if (t.primaryMetric() == null) {
                    continue;
                }
                DefaultStatisticalCategoryDataset ds = new DefaultStatisticalCategoryDataset();
                Map<String, Double> means = d.conditionMeans(t.name());
                Map<String, Double> sds = d.conditionSds(t.name());
                // Categories in sweep order, so the groups read left to right as the sweep lists them.
                for (Condition c : d.conditions()) {
                    if (!means.containsKey(c.id())) {
                        continue;
                    }
                    Map<String, String> rest = new LinkedHashMap<>(c.axisValues());
                    String group = rest.remove(axis);
                    Condition series = new Condition("-", c.name(), rest, c.modelIds());
                    ds.add(
                            means.get(c.id()),
                            sds.get(c.id()),
                            series.label(),
                            group == null ? "(shared)" : axis + "=" + group);
                }
                if (ds.getRowCount() > 0) {
                    charts.add(barChart(
                            "bars-" + slug(t.name()),
                            t.name() + ": " + t.primaryMetric() + " by " + axis,
                            "Bars grouped by " + axis + "; one bar per model and remaining sweep values"
                                    + replicateNote(d) + ".",
                            ds,
                            axis,
                            t.primaryMetric(),
                            bySeries));
                }
            }
        }
        for (Task t : d.tasks()) {
            boolean anyResult = d.scores().getOrDefault(t.name(), Map.of()).values().stream()
                    .anyMatch(s -> s.result() != null);
            if (anyResult && d.values(t.name()).isEmpty()) {
                notes.add(t.name() + ": " + t.primaryMetric()
                        + " is not a number for any model (see the table below), so it has no bar.");
            }
        }
        if (charts.isEmpty()) {
            notes.add("No evaluation has a result yet.");
        }
        return new Section(Figure.BARS, title, charts, notes);
    }

    /**
     * Box plots of z-scores: each task's scores z-scored over the models (mean 0, population standard
     * deviation 1), then one box per model over the tasks; for zero-shot tasks, fine-tuning tasks and
     * (when both kinds exist) all tasks.
     */
    public static Section zScores(ReportData d, String title) {
        List<Chart> charts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Task> zeroShot = d.tasks().stream().filter(t -> !t.fineTuning()).toList();
        List<Task> fineTuning = d.tasks().stream().filter(Task::fineTuning).toList();
        Map<String, List<Task>> kinds = new LinkedHashMap<>();
        kinds.put("zero-shot", zeroShot);
        kinds.put("fine-tuning", fineTuning);
        if (!zeroShot.isEmpty() && !fineTuning.isEmpty()) {
            kinds.put("all", d.tasks());
        }
        Set<String> undefined = new LinkedHashSet<>();
        kinds.forEach((kind, tasks) -> {
            if (tasks.isEmpty()) {
                return;
            }
            Map<String, Map<String, Double>> byTask = new LinkedHashMap<>();
            tasks.forEach(t -> byTask.put(t.name(), d.conditionMeans(t.name())));
            Stats.ZScores z = Stats.zScores(byTask);
            undefined.addAll(z.undefined());
            Map<String, List<Double>> byModel = z.byModel();
            if (byModel.isEmpty()) {
                return;
            }
            DefaultBoxAndWhiskerCategoryDataset ds = new DefaultBoxAndWhiskerCategoryDataset();
            DefaultCategoryDataset points = new DefaultCategoryDataset();
            for (Condition c : d.conditions()) {
                if (byModel.containsKey(c.id())) {
                    ds.add(byModel.get(c.id()), "z-score", c.label());
                    z.byTask().forEach((task, zs) -> {
                        if (zs.containsKey(c.id())) {
                            points.addValue(zs.get(c.id()), task, c.label());
                        }
                    });
                }
            }
            charts.add(boxChart(
                    "zscores-" + kind,
                    kind + " tasks: z-scores per model",
                    "Each task's scores are z-scored over the models (mean 0, population sd 1); a box spans one model's z-scores over "
                            + z.byTask().size() + " " + kind
                            + " task(s) (median line, quartile box, whiskers to 1.5 IQR), one dot per task.",
                    ds,
                    points));
        });
        if (!undefined.isEmpty()) {
            notes.add("No z-scores for " + String.join(", ", undefined)
                    + ": fewer than two models have a result, or every model scored the same.");
        }
        if (charts.isEmpty() && undefined.isEmpty()) {
            notes.add("No evaluation has a result yet.");
        }
        return new Section(Figure.ZSCORES, title, charts, notes);
    }

    /** One heat map per task that reports per-group scores (BLiMP paradigms, EWoK domains): groups by model. */
    public static Section heatMaps(ReportData d, String title) {
        List<Chart> charts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Task t : d.tasks()) {
            if (t.primaryMetric() == null) {
                continue;
            }
            List<String> groups = new ArrayList<>();
            Map<String, Map<String, Double>> cellsByCondition = new LinkedHashMap<>();
            for (Condition c : d.conditions()) {
                Map<String, List<Double>> values = new LinkedHashMap<>();
                for (String m : c.modelIds()) {
                    ReportData.Score s =
                            d.scores().getOrDefault(t.name(), Map.of()).get(m);
                    if (s == null || s.result() == null) {
                        continue;
                    }
                    s.result().groups().forEach((g, metrics) -> {
                        Double v = metrics.get(t.primaryMetric());
                        if (v != null && !v.isNaN()) {
                            if (!groups.contains(g)) {
                                groups.add(g);
                            }
                            values.computeIfAbsent(g, k -> new ArrayList<>()).add(v);
                        }
                    });
                }
                if (!values.isEmpty()) {
                    Map<String, Double> means = new LinkedHashMap<>();
                    values.forEach((g, v) -> means.put(
                            g,
                            Stats.mean(
                                    v.stream().mapToDouble(Double::doubleValue).toArray())));
                    cellsByCondition.put(c.label(), means);
                }
            }
            if (groups.size() < 2) {
                continue;
            }
            charts.add(heatMap(
                    "heatmap-" + slug(t.name()),
                    t.name() + ": " + t.primaryMetric() + " per group",
                    groups.size() + " groups (rows) by model (columns); darker is lower" + replicateNote(d) + ".",
                    groups,
                    cellsByCondition,
                    t.primaryMetric()));
        }
        if (charts.isEmpty()) {
            notes.add("No evaluation reports per-group scores for two or more groups.");
        }
        return new Section(Figure.HEATMAPS, title, charts, notes);
    }

    /** One chart per metric: each curve's metric over training progress. */
    public static Section curves(List<TrainingCurve> curves, String title) {
        List<Chart> charts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, List<TrainingCurve>> byMetric = new LinkedHashMap<>();
        curves.forEach(c -> byMetric.computeIfAbsent(c.metric() + " / " + c.xLabel(), k -> new ArrayList<>())
                .add(c));
        byMetric.forEach((key, list) -> {
            TrainingCurve first = list.get(0);
            XYSeriesCollection ds = new XYSeriesCollection();
            for (TrainingCurve c : list) {
                XYSeries s = new XYSeries(c.step(), false, true);
                for (int i = 0; i < c.x().length; i++) {
                    s.add(c.x()[i], c.y()[i]);
                }
                ds.addSeries(s);
            }
            ValueAxis x;
            if (first.logX()) {
                LogAxis log = new LogAxis(first.xLabel());
                log.setBase(10);
                log.setSmallestValue(1);
                x = log;
            } else {
                x = new NumberAxis(first.xLabel());
            }
            NumberAxis y = new NumberAxis(first.metric());
            y.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            for (int i = 0; i < list.size(); i++) {
                r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
                r.setSeriesStroke(i, new BasicStroke(1.8f));
            }
            XYPlot plot = new XYPlot(ds, x, y, r);
            charts.add(new Chart(
                    "curve-" + slug(first.metric()) + (first.logX() ? "-words" : ""),
                    first.metric() + " over " + first.xLabel(),
                    list.size() + " training step(s)" + (first.logX() ? "; log x axis" : "") + ".",
                    styled(new JFreeChart(null, TITLE, plot, true)),
                    WIDTH,
                    420));
        });
        if (charts.isEmpty()) {
            notes.add(
                    "No training step of this study recorded per-step metrics in the store (train-metrics.jsonl, written"
                            + " today by the dpo and ppo stages; causal-lm and instruction-tune log their loss only to the step logs),"
                            + " so there is no learning curve to draw.");
        }
        return new Section(Figure.CURVES, title, charts, notes);
    }

    /** Tasks with a result, grouped by their primary metric, in task order. */
    static Map<String, List<Task>> families(ReportData d) {
        Map<String, List<Task>> out = new LinkedHashMap<>();
        d.tasks().stream()
                .filter(t -> t.primaryMetric() != null)
                .forEach(t -> out.computeIfAbsent(t.primaryMetric(), k -> new ArrayList<>())
                        .add(t));
        return out;
    }

    private static String replicateNote(ReportData d) {
        return d.replicateAxis() == null
                ? ""
                : "; replicates over " + d.replicateAxis() + " averaged, error bars one sample sd";
    }

    private static Chart barChart(
            String id,
            String title,
            String caption,
            DefaultStatisticalCategoryDataset ds,
            String xLabel,
            String metric,
            Map<String, Color> colours) {
        boolean errorBars = false;
        for (int r = 0; r < ds.getRowCount(); r++) {
            for (int c = 0; c < ds.getColumnCount(); c++) {
                Number sd = ds.getStdDevValue(r, c);
                errorBars |= sd != null && !Double.isNaN(sd.doubleValue());
            }
        }
        BarRenderer renderer;
        CategoryPlot plot;
        CategoryAxis x = new CategoryAxis(xLabel);
        NumberAxis y = new NumberAxis(metric);
        if (errorBars) {
            StatisticalBarRenderer s = new StatisticalBarRenderer();
            s.setErrorIndicatorPaint(Color.BLACK);
            renderer = s;
            plot = new CategoryPlot(ds, x, y, renderer);
        } else {
            // Without replicates a plain dataset, so that no zero-length error bar is drawn.
            DefaultCategoryDataset plain = new DefaultCategoryDataset();
            for (int r = 0; r < ds.getRowCount(); r++) {
                for (int c = 0; c < ds.getColumnCount(); c++) {
                    Number m = ds.getMeanValue(r, c);
                    if (m != null) {
                        plain.addValue(m, ds.getRowKey(r), ds.getColumnKey(c));
                    }
                }
            }
            renderer = new BarRenderer();
            plot = new CategoryPlot(plain, x, y, renderer);
        }
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.04);
        renderer.setMaximumBarWidth(0.12);
        for (int i = 0; i < ds.getRowCount(); i++) {
            renderer.setSeriesPaint(
                    i, colours.getOrDefault(String.valueOf(ds.getRowKey(i)), PALETTE[i % PALETTE.length]));
        }
        if (ds.getRowCount() * ds.getColumnCount() <= 16) {
            renderer.setDefaultItemLabelGenerator(
                    new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.000")));
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        }
        if (metric.toLowerCase(Locale.ROOT).startsWith("accuracy")) {
            y.setRange(0, 1.06);
            y.setTickUnit(new NumberTickUnit(0.1));
        } else {
            y.setAutoRangeIncludesZero(true);
            y.setUpperMargin(0.12);
        }
        if (ds.getColumnCount() > 6) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        int legendRows = (ds.getRowCount() + 1) / 2;
        return new Chart(
                id, title, caption, styled(new JFreeChart(null, TITLE, plot, true)), WIDTH, 380 + 18 * legendRows);
    }

    private static Chart boxChart(
            String id,
            String title,
            String caption,
            DefaultBoxAndWhiskerCategoryDataset ds,
            DefaultCategoryDataset points) {
        BoxAndWhiskerRenderer r = new BoxAndWhiskerRenderer();
        r.setSeriesPaint(0, new Color(0xD6E2EF));
        r.setSeriesVisibleInLegend(0, false);
        r.setFillBox(true);
        // The mean marker is drawn as wide as the box: with few tasks it hides the data.
        r.setMeanVisible(false);
        r.setMedianVisible(true);
        r.setMaximumBarWidth(0.10);
        r.setUseOutlinePaintForWhiskers(true);
        r.setSeriesOutlinePaint(0, Color.DARK_GRAY);
        r.setDefaultOutlinePaint(Color.DARK_GRAY);
        CategoryAxis x = new CategoryAxis("model");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        x.setCategoryMargin(0.4); // keeps each model's task dots close to its box
        x.setMaximumCategoryLabelWidthRatio(2.5f);
        NumberAxis y = new NumberAxis("z-score");
        y.setAutoRangeIncludesZero(true);
        CategoryPlot plot = new CategoryPlot(ds, x, y, r);
        LineAndShapeRenderer dots = new LineAndShapeRenderer(false, true);
        dots.setUseSeriesOffset(true);
        dots.setItemMargin(0.6);
        for (int i = 0; i < points.getRowCount(); i++) {
            dots.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            dots.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        }
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        plot.addRangeMarker(new org.jfree.chart.plot.ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        int longest = ds.getColumnKeys().stream()
                .mapToInt(k -> k.toString().length())
                .max()
                .orElse(10);
        JFreeChart chart = styled(new JFreeChart(null, TITLE, plot, true));
        return new Chart(id, title, caption, chart, WIDTH, 360 + Math.min(260, 5 * longest));
    }

    private static Chart heatMap(
            String id,
            String title,
            String caption,
            List<String> groups,
            Map<String, Map<String, Double>> cellsByModel,
            String metric) {
        List<String> models = new ArrayList<>(cellsByModel.keySet());
        List<double[]> points = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < models.size(); m++) {
            Map<String, Double> cells = cellsByModel.get(models.get(m));
            for (int g = 0; g < groups.size(); g++) {
                Double v = cells.get(groups.get(g));
                if (v != null) {
                    points.add(new double[] {m, g, v});
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (metric.toLowerCase(Locale.ROOT).startsWith("accuracy")) {
            lo = 0;
            hi = 1;
        } else if (!(hi > lo)) {
            hi = lo + 1;
        }
        double[][] series = new double[3][points.size()];
        for (int i = 0; i < points.size(); i++) {
            for (int k = 0; k < 3; k++) {
                series[k][i] = points.get(i)[k];
            }
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries(metric, series);
        SymbolAxis x = new SymbolAxis("model", models.toArray(String[]::new));
        x.setVerticalTickLabels(true);
        x.setGridBandsVisible(false);
        SymbolAxis y = new SymbolAxis(null, groups.toArray(String[]::new));
        y.setGridBandsVisible(false);
        y.setInverted(true);
        y.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        XYBlockRenderer r = new XYBlockRenderer();
        PaintScale scale = new Viridis(lo, hi);
        r.setPaintScale(scale);
        XYPlot plot = new XYPlot(ds, x, y, r);
        if (points.size() <= 600) {
            // The value in each cell: colour shows the pattern, the number the exact score.
            for (double[] p : points) {
                XYTextAnnotation a = new XYTextAnnotation(String.format(Locale.ROOT, "%.2f", p[2]), p[0], p[1]);
                a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
                a.setPaint((p[2] - lo) / (hi - lo) > 0.6 ? Color.BLACK : Color.WHITE);
                plot.addAnnotation(a);
            }
        }
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        JFreeChart chart = styled(new JFreeChart(null, TITLE, plot, false));
        NumberAxis scaleAxis = new NumberAxis(metric);
        scaleAxis.setRange(lo, hi);
        if (hi - lo == 1) {
            scaleAxis.setTickUnit(new NumberTickUnit(0.1));
        }
        scaleAxis.setTickLabelFont(LABEL);
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(14);
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        int longestModel = models.stream().mapToInt(String::length).max().orElse(10);
        int longestGroup = groups.stream().mapToInt(String::length).max().orElse(10);
        int width = Math.max(520, Math.min(1400, 6 * longestGroup + 40 * models.size() + 200));
        int height = 120 + 15 * groups.size() + Math.min(300, 7 * longestModel);
        return new Chart(id, title, caption, chart, width, height);
    }

    /** White background, light grid, readable fonts: the look of a paper figure. */
    private static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(GRID);
            cp.setRangeGridlineStroke(new BasicStroke(0.8f));
            cp.getDomainAxis().setLabelFont(LABEL);
            cp.getRangeAxis().setLabelFont(LABEL);
        } else if (plot instanceof XYPlot xp) {
            xp.setRangeGridlinePaint(GRID);
            xp.setDomainGridlinePaint(GRID);
            xp.getDomainAxis().setLabelFont(LABEL);
            xp.getRangeAxis().setLabelFont(LABEL);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemFont(LABEL);
        }
        return chart;
    }

    /** A file-name-safe form of a name. */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "x" : s;
    }

    /** The viridis colour map (perceptually uniform, colour-blind safe) from five of its stops, linearly interpolated. */
    private static final class Viridis implements PaintScale {
        private static final Color[] STOPS = {
            new Color(0x440154), new Color(0x3B528B), new Color(0x21918C), new Color(0x5EC962), new Color(0xFDE725)
        };
        private final double lower;
        private final double upper;

        Viridis(double lower, double upper) {
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            double t = (value - lower) / (upper - lower);
            t = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (STOPS.length - 1);
            int i = Math.min(STOPS.length - 2, (int) t);
            double f = t - i;
            Color a = STOPS[i];
            Color b = STOPS[i + 1];
            return new Color(
                    (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }
}
