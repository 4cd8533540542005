package org.babylab.runtime.dsl;

import static org.babylab.runtime.dsl.ExperimentFiles.at;
import static org.babylab.runtime.dsl.ExperimentFiles.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.Problem;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.report.ReportSettings;
import org.babylab.runtime.internal.report.ReportSettings.Figure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code report:} section: what it chooses, and every mistake reported at its line with what would be valid. */
class ReportSectionTest {
    private static final String STUDY = ExperimentLoaderTest.QUICKSTART + """
            sweep:
              order: [2, 3]
            """;

    @TempDir
    Path dir;

    ExperimentFiles files;

    @BeforeEach
    void setUp() {
        files = new ExperimentFiles(dir, Map.of());
    }

    @Test
    void without_a_section_the_report_has_every_figure_in_the_papers_order() throws Exception {
        ExperimentDefinition def = files.load(files.write("e.yaml", STUDY));
        ReportSettings s = ReportSettings.of(def.report());
        assertEquals(List.of(Figure.BARS, Figure.ZSCORES, Figure.HEATMAPS, Figure.CURVES), s.figures());
        assertEquals(0.05, s.tieWarning());
    }

    @Test
    void the_section_chooses_figures_titles_and_thresholds() throws Exception {
        ExperimentDefinition def = files.load(files.write("e.yaml", STUDY + """
                report:
                  title: My study
                  figures: [zscores, bars]
                  titles: {bars: Accuracy per task}
                  fine_tuning: [blimp]
                  pivot_columns: order
                  tie_warning: 0.1
                """));
        ReportSettings s = ReportSettings.of(def.report());
        assertEquals("My study", s.title());
        assertEquals(List.of(Figure.ZSCORES, Figure.BARS), s.figures());
        assertEquals("Accuracy per task", s.titleOf(Figure.BARS));
        assertEquals(Figure.ZSCORES.defaultTitle(), s.titleOf(Figure.ZSCORES));
        assertEquals(java.util.Set.of("blimp"), s.fineTuning());
        assertEquals("order", s.pivotColumns());
        assertEquals(0.1, s.tieWarning());
    }

    @Test
    void every_mistake_is_reported_at_its_value_with_what_would_be_valid() throws Exception {
        Path file = files.write("e.yaml", STUDY + """
                report:
                  figurs: [bars]
                  figures: [bars, violin]
                  fine_tuning: [glue]
                  pivot_columns: size
                  tie_warning: lots
                """);
        ExperimentException e = files.fails(file);

        Problem key = problem(e, "unknown key 'report.figurs'");
        assertEquals(at(file, "figurs"), key.location());
        assertEquals("did you mean 'figures'? valid keys: " + String.join(", ", ReportSettings.KEYS), key.hint());
        assertEquals(
                at(file, "[bars, violin]"),
                problem(e, "unknown figure 'violin'; valid figures: bars, zscores, heatmaps, curves")
                        .location());
        Problem glue = problem(e, "report.fine_tuning names 'glue', which is not an evaluator");
        assertEquals(at(file, "glue"), glue.location());
        assertEquals("declared evaluators: blimp", glue.hint());
        assertEquals(
                "sweep axes: order",
                problem(e, "report.pivot_columns names 'size', which is not a sweep axis")
                        .hint());
        assertEquals(
                at(file, "lots"),
                problem(e, "report.tie_warning must be a number between 0 and 1")
                        .location());
    }
}
