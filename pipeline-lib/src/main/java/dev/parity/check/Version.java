package dev.parity.check;

import java.util.Arrays;
import java.util.List;

/**
 * A dotted version ("16.4", "1.6.18"): all components but the last must match across environments;
 * the last is the patch level, which may trail.
 */
public record Version(String text, List<Integer> components) implements Comparable<Version> {

  /**
   * Orders what nodes reported, which need not be versions, in one total order: versions by number
   * (equal numbers by text), then everything else by text.
   */
  public static int compareLeniently(String a, String b) {
    Version va = parseOrNull(a);
    Version vb = parseOrNull(b);
    if (va == null || vb == null) {
      // a total order even for what is no version: versions first, then the rest by text
      return va != null ? -1 : vb != null ? 1 : a.compareTo(b);
    }
    int byNumber = va.compareTo(vb);
    return byNumber != 0 ? byNumber : a.compareTo(b); // "16.04" and "16.4" stay two
  }

  private static Version parseOrNull(String text) {
    try {
      return parse(text);
    } catch (RuntimeException notAVersion) {
      return null;
    }
  }

  public static Version parse(String text) {
    List<Integer> parts = Arrays.stream(text.split("\\.")).map(Integer::valueOf).toList();
    return new Version(text, parts);
  }

  /** Everything but the patch level: "16" for 16.4, "1.6" for 1.6.18. */
  public String series() {
    return text.contains(".") ? text.substring(0, text.lastIndexOf('.')) : "";
  }

  public int patch() {
    return components.get(components.size() - 1);
  }

  /** The version with another patch level ("16.4" with 2 is "16.2"). */
  public Version withPatch(int patch) {
    return parse(series() + "." + patch);
  }

  @Override
  public int compareTo(Version o) {
    for (int i = 0; i < Math.min(components.size(), o.components.size()); i++) {
      int c = Integer.compare(components.get(i), o.components.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(components.size(), o.components.size());
  }

  @Override
  public String toString() {
    return text;
  }
}
