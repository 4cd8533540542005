package org.babylab.plugins.eval.tasks;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.babylab.toolkit.data.DataFormatException;

/**
 * Reads the BabyLM reading-times CSV ({@code reading_data.csv}: de Varda et al.'s item-level
 * eye-tracking, self-paced reading and EEG measures for the Frank et al. sentences).
 *
 * <p>Choices, each checked against the real file:
 * <ul>
 *   <li>{@code NA}, {@code NaN} and empty cells are missing values (NaN); rows with missing values
 *       are dropped per regression, not globally (30 rows lack {@code Subtlex_log10}).</li>
 *   <li>An empty {@code item} is the context "None" written out by pandas as a missing value (the
 *       sentence "None of the city people ..."); the pipeline patches it with {@code fillna("None")}.
 *       Here the context is rebuilt from the sentence's first {@code context_length} words, which
 *       gives "None" there and stays right for any other such row.</li>
 *   <li>An empty {@code prev_item} (with {@code prev_length} -1) means the previous word opens its
 *       sentence; its surprisal is undefined and the row leaves the self-paced regression.</li>
 * </ul>
 * Stateless.
 */
final class ReadingData {
    static final List<String> EYE_TRACKING = List.of("RTfirstfix", "RTfirstpass", "RTgopast", "RTrightbound");
    static final String SELF_PACED = "self_paced_reading_time";
    private static final List<String> REQUIRED = List.of(
            "item",
            "word",
            "sentence",
            "context_length",
            "Subtlex_log10",
            "length",
            "RTfirstfix",
            "RTfirstpass",
            "RTgopast",
            "RTrightbound",
            SELF_PACED,
            "prev_word",
            "prev_item",
            "prev_length");
    private static final Set<String> MISSING = Set.of("", "na", "nan");

    private ReadingData() {}

    /**
     * The strings pandas' {@code read_csv} reads as missing by default. Under pipeline rules a
     * {@code prev_item} among them is missing (so the row with the previous context "None", CSV
     * line 973, loses its previous surprisal and leaves the self-paced fit, as in the pipeline), and
     * an {@code item} among them becomes "None" (the pipeline's {@code fillna("None")}).
     */
    static final Set<String> PANDAS_MISSING = Set.of(
            "",
            "#N/A",
            "#N/A N/A",
            "#NA",
            "-1.#IND",
            "-1.#QNAN",
            "-NaN",
            "-nan",
            "1.#IND",
            "1.#QNAN",
            "<NA>",
            "N/A",
            "NA",
            "NULL",
            "NaN",
            "None",
            "n/a",
            "nan",
            "null");

    static List<ReadingRow> read(Path csv) throws IOException {
        return read(csv, false);
    }

    /**
     * Reads the rows.
     *
     * @param pandasMissing read {@code item} and {@code prev_item} as the pipeline's pandas does
     *     ({@link #PANDAS_MISSING}); otherwise only an empty cell is missing there and an empty
     *     {@code item} is rebuilt from the sentence
     */
    static List<ReadingRow> read(Path csv, boolean pandasMissing) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true)
                .build();
        List<ReadingRow> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, format)) {
            List<String> header = parser.getHeaderNames();
            for (String col : REQUIRED) {
                if (!header.contains(col)) {
                    throw new DataFormatException(
                            csv.toString(), 1, "missing column '" + col + "'; columns present: " + header);
                }
            }
            for (CSVRecord r : parser) {
                long line = r.getParser().getCurrentLineNumber();
                if (!r.isConsistent()) {
                    throw new DataFormatException(
                            csv.toString(), line, "expected " + header.size() + " cells, found " + r.size());
                }
                rows.add(row(csv, line, r, pandasMissing));
            }
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(csv.toString(), 1, "no data rows after the header");
        }
        return rows;
    }

    private static ReadingRow row(Path csv, long line, CSVRecord r, boolean pandasMissing) {
        String word = r.get("word");
        if (word.isBlank()) {
            throw new DataFormatException(
                    csv.toString(), line, "column 'word' is empty; every row needs the word read");
        }
        double contextLength = number(csv, line, r, "context_length");
        String context = r.get("item");
        if (pandasMissing && PANDAS_MISSING.contains(context)) {
            context = "None";
        } else if (context.isEmpty()) {
            context = leadingWords(csv, line, r.get("sentence"), contextLength);
        }
        String prevContext = r.get("prev_item");
        String prevWord = r.get("prev_word");
        boolean hasPrevious = pandasMissing
                ? !PANDAS_MISSING.contains(prevContext) && !prevWord.isEmpty()
                : !prevContext.isEmpty() && !prevWord.isEmpty();
        double[] eye = new double[EYE_TRACKING.size()];
        for (int i = 0; i < eye.length; i++) {
            eye[i] = number(csv, line, r, EYE_TRACKING.get(i));
        }
        return new ReadingRow(
                line,
                context,
                word,
                hasPrevious ? prevContext : null,
                hasPrevious ? prevWord : null,
                number(csv, line, r, "Subtlex_log10"),
                number(csv, line, r, "length"),
                contextLength,
                number(csv, line, r, "prev_length"),
                eye,
                number(csv, line, r, SELF_PACED));
    }

    /** The first {@code n} whitespace-separated words of {@code sentence}, joined by single spaces. */
    private static String leadingWords(Path csv, long line, String sentence, double n) {
        String[] words = sentence.trim().split("\\s+");
        if (Double.isNaN(n) || n < 1 || n > words.length || n != Math.rint(n)) {
            throw new DataFormatException(
                    csv.toString(),
                    line,
                    "column 'item' is empty and context_length " + n + " does not pick a prefix of the sentence \""
                            + sentence + "\" to rebuild it from");
        }
        return String.join(" ", Arrays.copyOf(words, (int) n));
    }

    private static double number(Path csv, long line, CSVRecord r, String column) {
        String cell = r.get(column).trim();
        if (MISSING.contains(cell.toLowerCase(Locale.ROOT))) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataFormatException(
                    csv.toString(),
                    line,
                    "column '" + column + "' must be a number, NA or empty, got \"" + cell + "\"");
        }
    }
}
