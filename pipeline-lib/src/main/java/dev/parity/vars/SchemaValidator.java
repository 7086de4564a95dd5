package dev.parity.vars;

import dev.parity.text.Names;
import dev.parity.vars.Shape.Field;
import dev.parity.vars.Shape.Leaf;
import dev.parity.vars.Shape.ListShape;
import dev.parity.vars.Shape.MapShape;
import dev.parity.vars.Shape.Scope;
import dev.parity.vars.YamlNode.Entry;
import dev.parity.vars.YamlNode.Scalar;
import dev.parity.vars.YamlNode.ScalarType;
import dev.parity.vars.YamlNode.YamlList;
import dev.parity.vars.YamlNode.YamlMap;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks one file's tree against {@link VarSchema}: unknown keys (with a suggestion), keys in the
 * wrong file, wrong types, invalid names and versions, literal secrets. Collects every problem;
 * never stops at the first.
 */
public final class SchemaValidator {
  private static final Pattern NAME = Names.NAME;
  private static final Pattern VERSION = Names.VERSION;
  private static final Pattern ENV_NAME = Names.ENV_VARIABLE;
  private static final Pattern KEY_PATTERN =
      Pattern.compile("(\\*|[a-z0-9_-]+)(\\.(\\*|[a-z0-9_-]+))*");

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final boolean common;
  private final List<VarProblem> problems;

  private SchemaValidator(boolean common, List<VarProblem> problems) {
    this.common = common;
    this.problems = problems;
  }

  /** Validates a file; {@code common} is true for common.yml. Problems are added to the list. */
  public static void validate(YamlMap root, boolean common, List<VarProblem> problems) {
    new SchemaValidator(common, problems).map(root, VarSchema.ROOT, "");
  }

  private void node(YamlNode node, Shape shape, String path) {
    if (node instanceof Scalar s && s.type() == ScalarType.NULL) {
      problem(node.position(), path, "has no value");
      return;
    }
    if (shape instanceof MapShape m) {
      if (node instanceof YamlMap map) {
        map(map, m, path);
      } else if (path.startsWith("secrets.") && node instanceof Scalar) {
        literalSecret(node, path);
      } else {
        problem(node.position(), path, "must be a map, not " + node.kind());
      }
    } else if (shape instanceof ListShape l) {
      if (node instanceof YamlList list) {
        for (int i = 0; i < list.items().size(); i++) {
          node(list.items().get(i), l.items(), path + "[" + i + "]");
        }
      } else {
        problem(node.position(), path, "must be a list, not " + node.kind());
      }
    } else {
      leaf(node, (Leaf) shape, path);
    }
  }

  private void map(YamlMap map, MapShape shape, String path) {
    for (Entry e : map.entries().values()) {
      String child = path.isEmpty() ? e.key() : path + "." + e.key();
      Field field = shape.fields().get(e.key());
      if (field != null) {
        if (field.scope() == Scope.COMMON_ONLY && !common) {
          problem(
              e.keyPosition(), child, "belongs in common.yml (it is shared by every environment)");
        } else if (field.scope() == Scope.ENVIRONMENT_ONLY && common) {
          problem(e.keyPosition(), child, "belongs in the environment's own file, not common.yml");
        } else {
          node(e.value(), field.shape(), child);
        }
      } else if (shape.values() != null) {
        if (!NAME.matcher(e.key()).matches()) {
          boolean hidden = Secretish.pastedSecret(e.key());
          problem(
              e.keyPosition(),
              hidden ? path + ".<not shown>" : child,
              "invalid name "
                  + (hidden
                      ? "(not shown: it may be a secret pasted where a name goes)"
                      : quoteName(e.key()))
                  + ": use lower-case letters, digits, - and _, starting with a letter (names become file, host and "
                  + "shell words)");
        } else {
          node(e.value(), shape.values(), child);
        }
      } else if (path.startsWith("secrets.") && e.key().equals("value")) {
        literalSecret(e.value(), path);
      } else {
        problem(
            e.keyPosition(),
            child,
            "unknown key "
                + quoteName(e.key())
                + suggestion(e.key(), shape)
                + (path.isEmpty()
                    ? ""
                    : " (allowed: " + String.join(", ", shape.fields().keySet()) + ")"));
      }
    }
    long present = map.entries().keySet().stream().filter(shape.exactlyOne()::contains).count();
    if (!shape.exactlyOne().isEmpty()) {
      if (present != 1 && problems.stream().noneMatch(p -> p.key().startsWith(path))) {
        problem(
            map.position(),
            path,
            (path.startsWith("secrets.") ? "a secret reference needs" : "needs")
                + " exactly one of "
                + String.join(", ", shape.exactlyOne()));
      }
    }
    if (path.startsWith("secrets.") && !path.substring("secrets.".length()).contains(".")) {
      if (present == 1
          && map.entries().containsKey("kind")
          && !map.entries().containsKey("generate")) {
        problem(
            map.entries().get("kind").keyPosition(),
            path + ".kind",
            "kind says what to generate: it goes with generate, not with env, env_file or file");
      }
    }
    if (!path.startsWith("secrets")) {
      for (Entry e : map.entries().values()) {
        String child = path.isEmpty() ? e.key() : path + "." + e.key();
        // Only user-chosen keys (settings and the like): parity's own keys, such as
        // conn_str_secret, name
        // references, not values.
        if (e.value() instanceof Scalar s
            && s.type() == ScalarType.STRING
            && !s.text().isEmpty()
            && ((!shape.fields().containsKey(e.key()) && Secretish.name(e.key()))
                || Secretish.value(s.text()))) {
          literalSecret(e.value(), child);
        }
      }
    }
  }

  private void literalSecret(YamlNode at, String path) {
    problem(
        at.position(),
        path,
        "a literal secret value (not shown); write a reference instead: "
            + "{ env: VARIABLE } or { file: PATH } under secrets:");
  }

  private void leaf(YamlNode node, Leaf leaf, String path) {
    if (!(node instanceof Scalar s)) {
      problem(node.position(), path, "must be " + describe(leaf) + ", not " + node.kind());
      return;
    }
    String text = s.text();
    switch (leaf.type()) {
      case STRING, SCALAR -> {
        if (CONTROL.matcher(text).find()) {
          problem(s.position(), path, "contains control characters");
        }
      }
      case NAME -> {
        if (s.type() != ScalarType.STRING || !NAME.matcher(text).matches()) {
          problem(
              s.position(),
              path,
              "invalid name "
                  + (Secretish.pastedSecret(text)
                      ? "(not shown: it may be a secret pasted where a name goes)"
                      : quoteName(text))
                  + ": use lower-case letters, digits, - "
                  + "and _, starting with a letter");
        }
      }
      case VERSION -> {
        if (s.type() == ScalarType.FLOAT || s.type() == ScalarType.INT) {
          problem(
              s.position(),
              path,
              "version "
                  + text
                  + " is unquoted, so YAML reads it as a number (16.10 "
                  + "would become 16.1); quote it: \""
                  + text
                  + "\"");
        } else if (!VERSION.matcher(text).matches()) {
          problem(
              s.position(),
              path,
              "not a version: "
                  + quoteName(text)
                  + " (two to four numbers separated by dots, e.g. \"16.4\" or \"1.6.18\";"
                  + " no leading zeros, at most nine digits each)");
        }
      }
      case INTEGER -> {
        if (s.type() != ScalarType.INT) {
          problem(s.position(), path, "must be " + describe(leaf) + ", not " + s.kind());
        } else {
          checkRange(s, leaf, path);
        }
      }
      case BOOLEAN -> {
        if (s.type() != ScalarType.BOOL) {
          problem(s.position(), path, "must be true or false, not " + s.kind());
        }
      }
      case ENV_NAME -> {
        if (!ENV_NAME.matcher(text).matches()) {
          // What stands here is often the secret itself, pasted where its variable's name goes.
          problem(
              s.position(),
              path,
              "is not an environment variable name (A-Z, 0-9 and _, not starting with a digit);"
                  + " the value is not shown");
        }
      }
      case CIDR -> {
        if (s.type() != ScalarType.STRING || !Names.isCidr(text)) {
          problem(
              s.position(),
              path,
              "not an IPv4 network "
                  + quoteName(text)
                  + ": "
                  + dev.parity.text.Hosts.notCidr(text).orElse("write it as 10.231.1.0/24"));
        }
      }
      case HOST -> {
        java.util.Optional<String> why = dev.parity.text.Hosts.notHost(text);
        if (s.type() != ScalarType.STRING || why.isPresent()) {
          problem(
              s.position(),
              path,
              "not a host "
                  + quoteName(text)
                  + ": "
                  + why.orElse("write an IP address or a DNS name")
                  + " (e.g. 10.231.1.5 or bastion.example.com)");
        }
      }
      case RELATIVE_PATH -> {
        if (s.type() != ScalarType.STRING || !Names.RELATIVE_PATH.matcher(text).matches()) {
          problem(
              s.position(),
              path,
              "not a relative path "
                  + quoteName(text)
                  + " (segments of letters, digits, '.', '_', '+' and '-' separated by '/'; not"
                  + " absolute, no '.' or '..' segment)");
        }
      }
      case ABSOLUTE_PATH -> {
        if (s.type() != ScalarType.STRING || !Names.ABSOLUTE_PATH.matcher(text).matches()) {
          problem(
              s.position(),
              path,
              "not an absolute path "
                  + quoteName(text)
                  + " (starting with '/'; segments of letters, digits, '.', '_', '+' and '-'; no '.'"
                  + " or '..' segment)");
        }
      }
      case PACKAGE -> {
        if (s.type() != ScalarType.STRING || !Names.DEB_PACKAGE.matcher(text).matches()) {
          problem(
              s.position(),
              path,
              "not a Debian package name "
                  + quoteName(text)
                  + " (lower-case letters, digits, '+', '-' and '.', e.g. postgresql-16)");
        }
      }
      case PACKAGE_PIN -> {
        if (s.type() != ScalarType.STRING || !Names.DEB_PACKAGE_PIN.matcher(text).matches()) {
          problem(
              s.position(),
              path,
              "not a Debian package name "
                  + quoteName(text)
                  + " (lower-case letters, digits, '+', '-' and '.', optionally pinned as"
                  + " name=version or name=version*, e.g. nodejs=18.19*)");
        }
      }
      case REGEX -> regex(s, path);
      case APT_SOURCE -> {
        if (s.type() != ScalarType.STRING || !Names.APT_SOURCE.matcher(text).matches()) {
          problem(
              s.position(),
              path,
              "not an apt source line "
                  + quoteName(text)
                  + " (one line: deb [options] URI suite [components], the URI http, https or"
                  + " file)");
        }
      }
      case DATE -> {
        try {
          java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
          problem(s.position(), path, "not a date " + quoteName(text) + " (write YYYY-MM-DD)");
        }
      }
      case KEY_PATTERN -> {
        if (!KEY_PATTERN.matcher(text).matches()) {
          problem(
              s.position(),
              path,
              "invalid key path "
                  + quoteName(text)
                  + " (keys separated by dots; * matches one key)");
        }
      }
    }
    if (!leaf.allowed().isEmpty() && !leaf.allowed().contains(text)) {
      problem(
          s.position(),
          path,
          quoteName(text) + " is not one of " + String.join(", ", leaf.allowed()));
    }
  }

  /** A regex compiled now, not when a command first reads with it: group 1 is the version. */
  private void regex(Scalar s, String path) {
    try {
      Pattern p = Pattern.compile(s.text(), Pattern.MULTILINE);
      if (p.matcher("").groupCount() < 1) {
        problem(s.position(), path, "has no group: group 1, (...), must capture the version");
      }
    } catch (java.util.regex.PatternSyntaxException e) {
      problem(
          s.position(),
          path,
          "is not a regular expression: " + e.getDescription() + " at index " + e.getIndex());
    }
  }

  private void checkRange(Scalar s, Leaf leaf, String path) {
    long value;
    try {
      value = Long.decode(s.text().replace("_", ""));
    } catch (NumberFormatException e) {
      problem(s.position(), path, "not a whole number: " + quoteName(s.text()));
      return;
    }
    if ((leaf.min() != null && value < leaf.min()) || (leaf.max() != null && value > leaf.max())) {
      problem(s.position(), path, value + " is out of range " + leaf.min() + ".." + leaf.max());
    }
  }

  private static String describe(Leaf leaf) {
    return switch (leaf.type()) {
      case INTEGER -> "a whole number";
      case BOOLEAN -> "true or false";
      case VERSION -> "a quoted version";
      default -> "a single value";
    };
  }

  /** Quotes a user-written name for a message, with control characters made visible. */
  static String quoteName(String name) {
    StringBuilder sb = new StringBuilder("'");
    String shown = name.length() > 80 ? name.substring(0, 80) + "..." : name;
    return sb.append(dev.parity.text.Untrusted.visible(shown)).append("'").toString();
  }

  private static String suggestion(String key, MapShape shape) {
    Optional<String> best =
        shape.fields().keySet().stream()
            .min(Comparator.comparingInt(k -> distance(key.toLowerCase(), k)));
    return best.filter(k -> distance(key.toLowerCase(), k) <= Math.max(2, k.length() / 3))
        .map(k -> "; did you mean '" + k + "'?")
        .orElse("");
  }

  /** Levenshtein distance, for "did you mean". */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private void problem(Position at, String path, String message) {
    problems.add(new VarProblem(at, path, message));
  }
}
