package org.babylab.toolkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.lingala.zip4j.ZipFile;
import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.model.FileHeader;

/**
 * The JSON-object files of an evaluation task, read in place: plain files (a file, a directory or a
 * glob, see {@link DataFiles}) or the entries of a zip archive, password-protected or not. Zip
 * entries are streamed and decrypted in memory and never written anywhere: the EWoK and
 * entity-tracking terms forbid plain-text copies. Stateless.
 */
public final class JsonlSource {
    private JsonlSource() {}

    /**
     * One data file's records.
     *
     * @param name the file's stem, e.g. {@code regular} for {@code entity_tracking/regular.jsonl}
     * @param source the file or {@code archive.zip!/entry}, as shown in messages
     * @param records its objects in file order
     */
    public record NamedRecords(String name, String source, List<JsonRecord> records) {
        public NamedRecords {
            records = List.copyOf(records);
        }
    }

    /**
     * The files {@code spec} names: when it resolves to a single {@code .zip}, the archive's
     * {@code .jsonl}/{@code .json} entries; otherwise the {@code .jsonl}/{@code .json} files. These
     * are the files whose content the cache key hashes (the zip itself, not its entries).
     */
    public static List<Path> files(String spec, Path baseDir) throws IOException {
        return DataFiles.resolve(spec, baseDir, ".jsonl", ".json", ".zip");
    }

    /** Reads every record of the files {@link #files} lists, one {@link NamedRecords} per file or entry. */
    public static List<NamedRecords> read(String spec, Path baseDir, String password) throws IOException {
        List<NamedRecords> out = new ArrayList<>();
        for (Path f : files(spec, baseDir)) {
            if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                out.addAll(readZip(f, password));
            } else {
                out.add(new NamedRecords(
                        DataFiles.stem(f.getFileName().toString()), f.toString(), JsonRecords.read(f)));
            }
        }
        return out;
    }

    /** Reads the {@code .jsonl}/{@code .json} entries of {@code zip} in entry-name order. */
    public static List<NamedRecords> readZip(Path zip, String password) throws IOException {
        List<NamedRecords> out = new ArrayList<>();
        try (ZipFile archive =
                password == null ? new ZipFile(zip.toFile()) : new ZipFile(zip.toFile(), password.toCharArray())) {
            List<FileHeader> entries = new ArrayList<>(archive.getFileHeaders());
            entries.sort((a, b) -> a.getFileName().compareTo(b.getFileName()));
            for (FileHeader h : entries) {
                String name = h.getFileName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (h.isDirectory()
                        || name.startsWith("__MACOSX/")
                        || !(lower.endsWith(".jsonl") || lower.endsWith(".json"))) {
                    continue;
                }
                if (h.isEncrypted() && password == null) {
                    throw new IOException(
                            zip + "!/" + name + ": the entry is encrypted; set the evaluator's 'password' key");
                }
                String source = zip + "!/" + name;
                try (InputStream in = archive.getInputStream(h)) {
                    out.add(new NamedRecords(DataFiles.stem(name), source, JsonRecords.read(in, source)));
                } catch (ZipException e) {
                    throw new IOException(
                            source + ": cannot decrypt or inflate the entry (" + e.getMessage()
                                    + "); check the evaluator's 'password' key",
                            e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException(zip + ": the archive holds no .jsonl or .json entry");
        }
        return out;
    }
}
