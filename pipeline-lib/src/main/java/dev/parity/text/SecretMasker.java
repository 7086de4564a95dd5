package dev.parity.text;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces every known secret value in a line of text by {@value #MASK}. Longest values first, so a
 * secret that contains another is masked whole.
 */
public final class SecretMasker {
  public static final String MASK = "****";
  private static final SecretMasker NONE = new SecretMasker(List.of());

  private final List<String> values;

  private SecretMasker(List<String> values) {
    this.values = values;
  }

  public static SecretMasker none() {
    return NONE;
  }

  /**
   * Masks these values; empty and blank values are ignored (masking them would mask everything).
   */
  public static SecretMasker of(List<String> secretValues) {
    return new SecretMasker(
        secretValues.stream()
            .filter(Objects::nonNull)
            .filter(v -> !v.isBlank())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList());
  }

  public String mask(String text) {
    String masked = text;
    for (String value : values) {
      masked = masked.replace(value, MASK);
    }
    return masked;
  }
}
