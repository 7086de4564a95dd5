package dev.parity.vars;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one decision of what is secret in a variable set that parity did not resolve itself: by
 * position (everything under {@code secrets}), by key name (the documented patterns below) and by
 * value (a connection string with a password, a URL with credentials). A literal value so judged is
 * an error; {@code check} never prints one.
 */
public final class Secretish {
  /** Key names whose values are secrets (README: "What is secret"). */
  public static final Pattern NAME =
      Pattern.compile(
          ".*(password|passwd|passphrase|pass_phrase|pwd|secret|token|api_key|apikey|private_key"
              + "|credential|conn_str|connection_string|dsn).*");

  /** Values that carry a credential whatever their key: key=value passwords, URL user:password@. */
  private static final Pattern VALUE =
      Pattern.compile("(?i)(\\b(password|passwd|pwd)\\s*[=:]\\s*\\S+|://[^/\\s:@]*:[^/\\s@]+@)");

  private Secretish() {}

  public static boolean name(String key) {
    return NAME.matcher(key.toLowerCase(Locale.ROOT)).matches();
  }

  public static boolean value(String value) {
    return VALUE.matcher(value).find();
  }

  /**
   * Whether a value written where a name goes may be a secret pasted in the wrong place (a key, a
   * token, a connection string): then no message repeats it. A name is short.
   */
  public static boolean pastedSecret(String text) {
    return text.length() > 63 || text.contains("-----BEGIN") || value(text);
  }

  /** A dotted key path whose value is not to be shown: under secrets, or a secret-like key. */
  public static boolean path(String path) {
    if (path.startsWith("secrets.") || path.startsWith("store.")) {
      return true;
    }
    String last = path.substring(path.lastIndexOf('.') + 1);
    return name(last);
  }
}
