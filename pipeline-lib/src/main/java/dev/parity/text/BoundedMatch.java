package dev.parity.text;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex search with a time bound. Java's engine backtracks, so a pattern a variable set gives
 * ({@code (a+)+$} against a long line) can run for hours; the text it reads is wrapped so that the
 * search stops once the bound is passed, and the caller says so instead of hanging.
 */
public final class BoundedMatch {
  /** What a read regex may take on a tool's output: far more than any sane pattern needs. */
  public static final Duration DEFAULT = Duration.ofSeconds(1);

  /** Thrown when a search passes its bound. */
  public static final class TooSlow extends dev.parity.error.ParityException {
    TooSlow(Pattern pattern, Duration bound) {
      super(
          "the regex '"
              + Untrusted.visible(pattern.pattern())
              + "' took more than "
              + bound.toMillis()
              + " ms on the output (catastrophic backtracking?); simplify it");
    }
  }

  private BoundedMatch() {}

  /** Group 1 (or the whole match when the pattern has no group) of the first match, if any. */
  public static Optional<String> group1(Pattern pattern, String text, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    Matcher m = pattern.matcher(new Deadlined(text, deadline, pattern, bound));
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.ofNullable(m.groupCount() >= 1 ? m.group(1) : m.group());
  }

  /** The text, checking the clock every few thousand reads of a character. */
  private static final class Deadlined implements CharSequence {
    private final String text;
    private final long deadline;
    private final Pattern pattern;
    private final Duration bound;
    private int reads;

    Deadlined(String text, long deadline, Pattern pattern, Duration bound) {
      this.text = text;
      this.deadline = deadline;
      this.pattern = pattern;
      this.bound = bound;
    }

    @Override
    public char charAt(int index) {
      if (++reads >= 4096) {
        reads = 0;
        if (System.nanoTime() > deadline) {
          throw new TooSlow(pattern, bound);
        }
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
