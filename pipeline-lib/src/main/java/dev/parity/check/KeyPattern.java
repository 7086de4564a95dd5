package dev.parity.check;

/**
 * A {@code may_vary} entry: key segments separated by dots, {@code *} matching one segment; a
 * prefix covers what is under it ("sizing" covers "sizing.db.cpus").
 */
final class KeyPattern {
  private KeyPattern() {}

  static boolean covers(String pattern, String path) {
    String[] p = pattern.split("\\.");
    String[] k = path.split("\\.");
    if (p.length > k.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      String segment = k[i].replaceAll("\\[\\d+]$", "");
      if (!p[i].equals("*") && !p[i].equals(k[i]) && !p[i].equals(segment)) {
        return false;
      }
    }
    return true;
  }
}
