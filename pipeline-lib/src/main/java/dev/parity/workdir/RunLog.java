package dev.parity.workdir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A log file that receives the same (already masked) lines as the console, each with a timestamp:
 * appended, never truncated, so earlier runs stay readable.
 */
public final class RunLog implements Consumer<String>, AutoCloseable {
  private final Writer writer;
  private final Consumer<String> console;

  private RunLog(Writer writer, Consumer<String> console) {
    this.writer = writer;
    this.console = console;
  }

  public static RunLog open(Path file, Consumer<String> console) {
    try {
      Files.createDirectories(file.getParent());
      return new RunLog(
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
          console);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the log " + file, e);
    }
  }

  @Override
  public synchronized void accept(String line) {
    console.accept(line);
    try {
      writer.write(Instant.now() + " " + line + "\n");
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the log", e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
