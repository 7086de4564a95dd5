package dev.parity.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The problems one load of a variable set found, collected from every file and binder before
 * anything runs (so a user sees them all at once, each at its FILE:LINE:COL).
 */
final class Problems {
  private final List<VarProblem> found = new ArrayList<>();

  void add(VarProblem problem) {
    found.add(problem);
  }

  void add(Position at, String key, String message) {
    found.add(new VarProblem(at, key, message));
  }

  int size() {
    return found.size();
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  Stream<VarProblem> stream() {
    return found.stream();
  }

  void clear() {
    found.clear();
  }

  /** The live list, for the readers that add to a list (YamlReader, SchemaValidator). */
  List<VarProblem> list() {
    return found;
  }
}
