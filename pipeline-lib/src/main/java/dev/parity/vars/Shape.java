package dev.parity.vars;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape a variable-set node must have: the one description that validation and the JSON Schema
 * share.
 */
public sealed interface Shape {

  /** Where a key may be written. */
  enum Scope {
    ANY,
    COMMON_ONLY,
    ENVIRONMENT_ONLY
  }

  /**
   * A map with known keys, or (when {@code values} is set) with user-chosen names as keys.
   *
   * @param fields the known keys, in documentation order
   * @param values the shape of every value under a user-chosen name ({@code services.<name>}), or
   *     null
   * @param keys the rule user-chosen names follow, when {@code values} is set
   * @param exactlyOne keys of which a map of this shape holds exactly one (a secret reference: env,
   *     env_file, file or generate), or empty
   */
  record MapShape(
      String description,
      Map<String, Field> fields,
      Shape values,
      Leaf keys,
      java.util.List<String> exactlyOne)
      implements Shape {
    public MapShape {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      exactlyOne = java.util.List.copyOf(exactlyOne);
    }

    MapShape(String description, Map<String, Field> fields, Shape values, Leaf keys) {
      this(description, fields, values, keys, java.util.List.of());
    }
  }

  record ListShape(String description, Shape items) implements Shape {}

  /**
   * A scalar.
   *
   * @param type what it must be
   * @param allowed the allowed values, or empty for any
   * @param min the least allowed number, or null
   * @param max the greatest allowed number, or null
   */
  record Leaf(String description, LeafType type, List<String> allowed, Long min, Long max)
      implements Shape {
    public Leaf {
      allowed = List.copyOf(allowed);
    }
  }

  /** How {@code parity check} compares a key across environments. */
  enum Compare {
    /** Its values must be equal everywhere (the default for every key). */
    KEY_BY_KEY,
    /**
     * Compared by a rule of its own: versions (patch lag), node counts, sizes (shown, not judged).
     */
    OWN_RULE,
    /** May differ: how an environment is hosted, reached, named and protected. */
    NEVER
  }

  /**
   * A known key: its shape, who may write it, whether the merged set must have it, the value an
   * absent key stands for (null: none, or one computed from other keys, which its description
   * says), and how check compares it.
   */
  record Field(Shape shape, Scope scope, boolean required, Object defaultValue, Compare compare) {
    public Field {
      if (defaultValue != null
          && !(defaultValue instanceof String
              || defaultValue instanceof Long
              || defaultValue instanceof Boolean)) {
        throw new IllegalArgumentException("a default is a string, a long or a boolean");
      }
    }

    Field(Shape shape, Scope scope, boolean required) {
      this(shape, scope, required, null, Compare.KEY_BY_KEY);
    }

    Field withDefault(Object value) {
      return new Field(shape, scope, required, value, compare);
    }

    Field compared(Compare how) {
      return new Field(shape, scope, required, defaultValue, how);
    }
  }

  /**
   * The keys of a map that the merged set must have, in declaration order, except those of a scope.
   */
  static java.util.List<String> requiredKeys(MapShape map, Scope except) {
    return map.fields().entrySet().stream()
        .filter(e -> e.getValue().required() && e.getValue().scope() != except)
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  enum LeafType {
    /** Any text. */
    STRING,
    /**
     * A name that may become a file name, a host name or a shell word: lower-case letters, digits,
     * - and _.
     */
    NAME,
    /** Numbers separated by dots, e.g. "16.4" or "1.6.18"; written quoted. */
    VERSION,
    INTEGER,
    BOOLEAN,
    /** An environment variable name: upper-case letters, digits and _. */
    ENV_NAME,
    /** A path inside a directory parity owns: relative, without '.' or '..' segments. */
    RELATIVE_PATH,
    /** An absolute path on a node, "/usr/lib/postgresql/16/bin": no '.' or '..' segments. */
    ABSOLUTE_PATH,
    /** A Debian package name, "postgresql-16". */
    PACKAGE,
    /** A Debian package name with an optional version pin, "nodejs=18.19*". */
    PACKAGE_PIN,
    /** A Java regular expression with at least one group (group 1 is what is read). */
    REGEX,
    /** One apt source line in one-line format, "deb [signed-by=...] URI SUITE [COMPONENT...]". */
    APT_SOURCE,
    /** An IPv4 network, "10.231.1.0/24". */
    CIDR,
    /** A host: an IP address or a DNS name, "10.231.1.5" or "bastion.example.com". */
    HOST,
    /** A key path with optional * segments, e.g. "services.*.settings.max_connections". */
    KEY_PATTERN,
    /** Any scalar: text, number or boolean (a service setting). */
    SCALAR,
    /** A calendar date, 2027-03-01 (ISO 8601, YYYY-MM-DD). */
    DATE
  }
}
