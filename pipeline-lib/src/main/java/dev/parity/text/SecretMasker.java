package dev.parity.text;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces every known secret value in a line of text by {@value #MASK}, in every form a tool may
 * print it: raw; escaped as JSON (Jackson's and Go's rules), as an HCL string (what tofu prints),
 * as a Python repr (Ansible's messages) and as parity shows untrusted text, and each of those
 * escaped once more as JSON or HCL; URL-encoded; each line of a multi-line value (output is masked
 * line by line); and the part before a NUL (where a C program cuts it). Longest forms first, so a
 * secret that contains another is masked whole.
 */
public final class SecretMasker {
  public static final String MASK = "****";
  private static final SecretMasker NONE = new SecretMasker(List.of());

  private final List<String> forms;

  private SecretMasker(List<String> forms) {
    this.forms = forms;
  }

  public static SecretMasker none() {
    return NONE;
  }

  /**
   * Masks these values and their derived forms; empty and blank values are ignored (masking them
   * would mask everything).
   */
  public static SecretMasker of(List<String> secretValues) {
    Set<String> forms = new LinkedHashSet<>();
    secretValues.stream()
        .filter(Objects::nonNull)
        .filter(v -> !v.isBlank())
        .distinct()
        .forEach(v -> forms.addAll(formsOf(v)));
    return new SecretMasker(
        forms.stream()
            .filter(f -> !f.isBlank())
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList());
  }

  /**
   * Every form in which a tool may print this value, the value first: its escaped forms, and those
   * escaped once more (a module's {@code jsonencode} of a secret, rendered by tofu as an HCL
   * string).
   */
  public static List<String> formsOf(String value) {
    Set<String> forms = new LinkedHashSet<>();
    int nul = value.indexOf('\0');
    for (String whole : nul > 0 ? List.of(value, value.substring(0, nul)) : List.of(value)) {
      forms.add(whole);
      for (String once : escaped(whole)) {
        forms.add(once);
        forms.add(json(once, false));
        forms.add(json(once, true));
        forms.add(hcl(once));
      }
      for (String line : whole.split("\r?\n|\r", -1)) {
        forms.add(line);
        forms.add(line.strip());
      }
    }
    forms.removeIf(String::isBlank);
    return new ArrayList<>(forms);
  }

  private static List<String> escaped(String s) {
    String url = URLEncoder.encode(s, StandardCharsets.UTF_8);
    return List.of(
        json(s, false),
        json(s, true),
        hcl(s),
        python(s),
        python(s).replace("\\'", "'"),
        Untrusted.visible(s),
        url,
        url.replace("+", "%20"));
  }

  public String mask(String text) {
    String masked = text;
    for (String form : forms) {
      masked = masked.replace(form, MASK);
    }
    return masked;
  }

  /** JSON string content; Go's encoder also escapes {@code < > &} and U+2028/U+2029. */
  private static String json(String s, boolean go) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append(go ? "\\u0008" : "\\b");
        case '\f' -> sb.append(go ? "\\u000c" : "\\f");
        default -> {
          if (c < 0x20
              || (go && (c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029))) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** An HCL quoted string's content, as tofu renders values in plans and errors. */
  private static String hcl(String s) {
    return json(s, false).replace("${", "$${").replace("%{", "%%{");
  }

  /** Python's repr of a str without its quotes (single-quoted form). */
  private static String python(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\'' -> sb.append("\\'");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
