package org.babylab.toolkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.lingala.zip4j.ZipFile;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.EncryptionMethod;

/** Test helpers: text files and password-protected zips like the BabyLM evaluation archives. */
public final class TestFiles {
    private TestFiles() {}

    /** Writes {@code lines} as a UTF-8 file, creating parent directories. */
    public static Path write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Builds a ZipCrypto-encrypted zip holding {@code entries} (entry name to content). */
    public static Path encryptedZip(Path zip, String password, Map<String, String> entries) throws IOException {
        ZipParameters params = new ZipParameters();
        params.setEncryptFiles(true);
        params.setEncryptionMethod(EncryptionMethod.ZIP_STANDARD);
        try (ZipFile z = new ZipFile(zip.toFile(), password.toCharArray())) {
            for (var e : entries.entrySet()) {
                params.setFileNameInZip(e.getKey());
                z.addStream(new ByteArrayInputStream(e.getValue().getBytes(StandardCharsets.UTF_8)), params);
            }
        }
        return zip;
    }
}
