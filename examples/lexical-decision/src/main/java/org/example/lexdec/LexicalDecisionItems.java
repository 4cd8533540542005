package org.example.lexdec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.babylab.toolkit.choice.ChoiceItem;
import org.babylab.toolkit.scoring.ContinuationRequest;

/** Reads the items file; a bad line is an error naming the file, the line and what is expected. */
final class LexicalDecisionItems {
    private LexicalDecisionItems() {}

    /** One item per line: the word (the gold option) and the nonword, each scored as a whole text; id {@code items.tsv:3}. */
    static List<ChoiceItem> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("lexical-decision items file " + file + " does not exist");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<ChoiceItem> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length != 2 || cols[0].isBlank() || cols[1].isBlank()) {
                throw new IOException(file + ":" + (i + 1) + ": expected a word and a nonword separated by one tab, got '" + line + "'");
            }
            items.add(new ChoiceItem(file.getFileName() + ":" + (i + 1), "words", List.of(
                    ContinuationRequest.wholeText(cols[0].strip()), ContinuationRequest.wholeText(cols[1].strip()))));
        }
        if (items.isEmpty()) {
            throw new IOException(file + " holds no items: expected lines of word<TAB>nonword");
        }
        return List.copyOf(items);
    }
}
