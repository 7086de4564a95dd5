package dev.parity.text;

/**
 * The one renderer of text parity did not write itself (file names, keys, values, resource
 * addresses, node names, tool output) for terminals, logs, JUnit and HTML: every control, escape
 * and bidirectional-override character is shown as an escape ({@code \x1b}, {@code \u202e}), so a
 * crafted name can neither move the cursor, overwrite a line (a carriage return over the "delete"
 * line of a plan), colour the terminal, nor reorder what a person reads.
 */
public final class Untrusted {
  private Untrusted() {}

  /** The text with every invisible or terminal-controlling character made visible. */
  public static String visible(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (sb != null) {
          sb.append(c).append(text.charAt(i + 1));
        }
        i++; // a whole pair (an emoji) is shown as it is
      } else if (hidden(c)) {
        if (sb == null) {
          sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        sb.append(
            c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }

  /** Lines of text (a message of several lines): each line made visible, the line breaks kept. */
  public static String visibleLines(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(text.length());
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        sb.append(visible(text.substring(start, i)));
        if (i < text.length()) {
          sb.append('\n');
        }
        start = i + 1;
      }
    }
    return sb.toString();
  }

  /**
   * C0 and C1 controls (tab, CR, ESC, NEL...), DEL, bidi controls, zero-width and BOM; U+FFFE and
   * U+FFFF, which XML forbids; and a surrogate not in a pair, which no encoder can write.
   */
  static boolean hidden(char c) {
    return c < 0x20
        || Character.isSurrogate(c)
        || c == '\ufffe'
        || c == '\uffff'
        || (c >= 0x7f && c < 0xa0)
        || c == '\u061c'
        || (c >= '\u200b' && c <= '\u200f')
        || (c >= '\u2028' && c <= '\u202e')
        || (c >= '\u2060' && c <= '\u206f')
        || c == '\ufeff';
  }
}
