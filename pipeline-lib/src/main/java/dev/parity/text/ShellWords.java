package dev.parity.text;

/**
 * A word for a POSIX shell: single-quoted, with each single quote written as {@code '\''}, so the
 * shell hands it on exactly and interprets nothing in it. For a line a person pastes (doctor's fix)
 * and for the one line ssh gives the remote shell.
 */
public final class ShellWords {
  private ShellWords() {}

  public static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** The words quoted and joined by spaces. */
  public static String join(java.util.List<String> words) {
    return String.join(" ", words.stream().map(ShellWords::quote).toList());
  }
}
