package dev.parity.check;

import java.util.Arrays;
import java.util.List;

/**
 * A dotted version ("16.4", "1.6.18"): all components but the last must match across environments;
 * the last is the patch level, which may trail.
 */
public record Version(String text, List<Integer> components) implements Comparable<Version> {

  /**
   * Orders two texts as versions where both are versions, else as text: for what a node reported,
   * which need not be one.
   */
  public static int compareLeniently(String a, String b) {
    try {
      return parse(a).compareTo(parse(b));
    } catch (RuntimeException notAVersion) {
      return a.compareTo(b);
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
