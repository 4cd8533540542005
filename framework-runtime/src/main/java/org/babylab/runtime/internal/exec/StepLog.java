package org.babylab.runtime.internal.exec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A step's log file ({@code logs/<key>.log} in the store), appended to by every attempt so that the
 * history of failures stays readable; echoed to the console when verbose. Thread-safe.
 */
final class StepLog implements AutoCloseable {
    private final Path file;
    private final BufferedWriter writer;
    private final Consumer<String> echo;
    private final String prefix;

    /** @param echo receives each line for the console when verbose, else null */
    StepLog(Path file, Consumer<String> echo, String stepName) throws IOException {
        Files.createDirectories(file.getParent());
        this.file = file;
        this.writer = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.echo = echo;
        this.prefix = "  [" + stepName + "] ";
    }

    Path file() {
        return file;
    }

    synchronized void line(String message) {
        try {
            writer.write(Instant.now() + " " + message);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            // The log is diagnostics only; a full disk shows up where the step writes its output.
        }
        if (echo != null) {
            echo.accept(prefix + message);
        }
    }

    synchronized void error(String message, Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        line(message + "\n" + sw);
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
