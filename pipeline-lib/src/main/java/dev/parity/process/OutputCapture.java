package dev.parity.process;

import dev.parity.text.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.commons.exec.LogOutputStream;

/**
 * Receives one output stream of a process line by line: masks secrets, hands each line to the sink,
 * and keeps a bounded copy (the tail) so that a chatty tool cannot exhaust memory.
 */
final class OutputCapture extends LogOutputStream {
  /** Characters kept per stream; older output is dropped first. */
  static final int MAX_CHARS = 1 << 20;

  private final SecretMasker masker;
  private final Consumer<String> sink;
  private final StringBuilder kept = new StringBuilder();

  OutputCapture(SecretMasker masker, Consumer<String> sink) {
    super(0, StandardCharsets.UTF_8);
    this.masker = masker;
    this.sink = sink;
  }

  @Override
  protected void processLine(String line, int level) {
    String masked = masker.mask(line);
    sink.accept(masked);
    synchronized (kept) {
      kept.append(masked).append('\n');
      if (kept.length() > MAX_CHARS) {
        kept.delete(0, kept.length() - MAX_CHARS);
      }
    }
  }

  String text() {
    synchronized (kept) {
      return kept.toString();
    }
  }
}
