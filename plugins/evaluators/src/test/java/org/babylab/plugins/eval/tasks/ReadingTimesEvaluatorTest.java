package org.babylab.plugins.eval.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.babylab.plugins.eval.Fixtures;
import org.babylab.plugins.eval.WordBigramModel;
import org.babylab.plugins.eval.stats.NestedOls;
import org.babylab.toolkit.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingTimesEvaluatorTest {
    private static final String HEADER =
            ",item,word,word2,sentence,context_length,sent_id,item_id,list,Subtlex_log10,length,"
                    + "RTfirstfix,RTfirstpass,RTgopast,RTrightbound,self_paced_reading_time,ELAN,LAN,N400,P600,EPNP,PNP,prev_word,prev_item,prev_length";
    private static final String[] SENTENCES = {
        "the cat sat on the mat and the dog ran to the park",
        "None of the city people dress like that at all",
        "a dog ran to the mat and sat on the cat",
        "the park is where the dog and the cat sat"
    };

    @TempDir
    Path dir;

    /** Rows for every word after the first of each sentence, with deterministic pseudo-random measures. */
    private Path csv(boolean withNa) throws Exception {
        Random rnd = new Random(3);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        int n = 0;
        for (String s : SENTENCES) {
            String[] w = s.split(" ");
            for (int i = 1; i < w.length; i++) {
                String item = String.join(" ", java.util.Arrays.copyOf(w, i));
                if (item.equals("None")) {
                    item = ""; // as pandas wrote the real file
                }
                String prevItem = i >= 2 ? String.join(" ", java.util.Arrays.copyOf(w, i - 1)) : "";
                String prevWord = i >= 2 ? w[i - 1] : "";
                String freq = withNa && n % 7 == 3 ? "" : String.valueOf(8 + rnd.nextDouble() * 6);
                double base = 150 + 10 * w[i].length();
                lines.add(String.join(
                        ",",
                        String.valueOf(n++),
                        item,
                        w[i],
                        w[i].toUpperCase(),
                        s,
                        String.valueOf(i),
                        "1",
                        "1",
                        "1",
                        freq,
                        String.valueOf(w[i].length()),
                        fmt(base + rnd.nextGaussian() * 20),
                        fmt(base + rnd.nextGaussian() * 25),
                        fmt(base + rnd.nextGaussian() * 40),
                        fmt(base + rnd.nextGaussian() * 30),
                        fmt(250 + rnd.nextGaussian() * 30),
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        prevWord,
                        prevItem,
                        i >= 2 ? String.valueOf(w[i - 1].length()) : "-1"));
            }
        }
        return Fixtures.write(dir.resolve("reading_data.csv"), lines.toArray(new String[0]));
    }

    private static String fmt(double d) {
        return String.valueOf(d);
    }

    @Test
    void scores_are_the_normalised_r2_gains_of_the_five_regressions() throws Exception {
        csv(true);
        WordBigramModel model = Fixtures.model(SENTENCES);
        Fixtures.Run r = Fixtures.run(
                new ReadingTimesEvaluator(new PathConfig("reading_data.csv"), dir), model, dir.resolve("run"));
        var groups = r.result().groups();
        double mean = 0;
        for (String m : List.of("RTfirstfix", "RTfirstpass", "RTgopast", "RTrightbound")) {
            var g = groups.get(m);
            assertEquals((g.get("r2_full") - g.get("r2_base")) / (1 - g.get("r2_base")) * 100, g.get("score"), 1e-9);
            assertTrue(g.get("r2_full") >= g.get("r2_base") - 1e-12);
            mean += g.get("score") / 4;
        }
        assertEquals(mean, r.result().metrics().get("eye_tracking_score"), 1e-9);
        assertEquals(
                groups.get("self_paced_reading_time").get("score"),
                r.result().metrics().get("self_paced_reading_score"));
        int rows = 0;
        for (String s : SENTENCES) {
            rows += s.split(" ").length - 1;
        }
        assertEquals(rows, r.result().items());
        int naFreq = (rows + 3) / 7; // rows n with n % 7 == 3
        assertEquals(rows - naFreq, groups.get("RTfirstfix").get("rows"));
        // self-paced reading also needs the previous word's surprisal: second words of sentences drop out
        assertTrue(groups.get("self_paced_reading_time").get("rows") < rows - naFreq);
        assertEquals(rows, r.predictions().size());
    }

    @Test
    void an_empty_item_is_rebuilt_from_the_sentence_as_the_pipeline_restores_none() throws Exception {
        csv(false);
        List<ReadingRow> rows = ReadingData.read(dir.resolve("reading_data.csv"));
        ReadingRow of =
                rows.stream().filter(r -> r.word().equals("of")).findFirst().orElseThrow();
        assertEquals("None", of.context());
        assertEquals(null, of.previousContext());
    }

    @Test
    void the_result_matches_an_independent_fit_of_the_same_design() throws Exception {
        csv(false);
        List<ReadingRow> rows = ReadingData.read(dir.resolve("reading_data.csv"));
        Random rnd = new Random(11);
        double[] surprisal = new double[rows.size()];
        double[] prev = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            surprisal[i] = 2 + rnd.nextDouble() * 8;
            prev[i] = rows.get(i).previousContext() == null ? Double.NaN : 2 + rnd.nextDouble() * 8;
        }
        var result = ReadingTimesEvaluator.result(rows, surprisal, prev);
        double[] y = new double[rows.size()];
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            ReadingRow r = rows.get(i);
            y[i] = r.eyeTracking()[1];
            x[i] = new double[] {
                r.frequency(),
                r.length(),
                r.contextLength(),
                r.frequency() * r.length(),
                r.frequency() * r.contextLength(),
                r.length() * r.contextLength()
            };
        }
        assertEquals(
                NestedOls.compare(y, x, surprisal).score(),
                result.groups().get("RTfirstpass").get("score"),
                1e-9);
    }

    @Test
    void a_missing_column_is_named_with_the_columns_present() throws Exception {
        Fixtures.write(dir.resolve("bad.csv"), "item,word", "a,b");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ReadingData.read(dir.resolve("bad.csv")));
        assertTrue(
                e.getMessage().contains("bad.csv:1: missing column 'sentence'; columns present: [item, word]"),
                e.getMessage());
    }

    @Test
    void a_non_numeric_cell_is_reported_with_its_line_and_column() throws Exception {
        csv(false);
        List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(dir.resolve("reading_data.csv")));
        lines.set(2, lines.get(2).replaceFirst(",(\\d+\\.\\d+),", ",fast,"));
        Fixtures.write(dir.resolve("reading_data.csv"), lines.toArray(new String[0]));
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> ReadingData.read(dir.resolve("reading_data.csv")));
        assertTrue(
                e.getMessage().contains("reading_data.csv:3: column 'Subtlex_log10' must be a number"), e.getMessage());
    }
}
