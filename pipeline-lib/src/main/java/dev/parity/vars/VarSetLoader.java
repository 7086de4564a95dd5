package dev.parity.vars;

import dev.parity.vars.YamlNode.Entry;
import dev.parity.vars.YamlNode.Scalar;
import dev.parity.vars.YamlNode.YamlMap;
import dev.parity.workdir.EnvironmentName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Loads a vars directory: {@code common.yml} plus one {@code <environment>.yml} per environment.
 * Reads every file (YamlReader), validates each against the format (SchemaValidator), merges, binds
 * each environment (EnvironmentBinder and its section binders; StoreBinder and PolicyBinder for
 * common.yml), then runs the checks that span environments (CrossFileChecks), and returns every
 * problem at once.
 */
public final class VarSetLoader {
  public static final String COMMON = "common.yml";

  private final Problems problems = new Problems();
  private final SecretBinder secretBinder = new SecretBinder(problems);

  public VarSet load(Path dir) {
    problems.clear();
    Path commonFile = dir.resolve(COMMON);
    if (!Files.isDirectory(dir)) {
      problems.add(new VarProblem(Position.startOf(dir), "", "vars directory does not exist"));
      return result(dir, ParityPolicy.strict(), new TreeMap<>(), null, List.of());
    }
    if (!Files.exists(commonFile)) {
      problems.add(
          new VarProblem(
              Position.startOf(commonFile),
              "",
              "missing: every variable set starts from common.yml (shared keys and the parity policy)"));
    }
    Optional<YamlMap> common =
        Files.exists(commonFile) ? YamlReader.read(commonFile, problems.list()) : Optional.empty();
    common.ifPresent(c -> SchemaValidator.validate(c, true, problems.list()));
    // Nothing is built from a common.yml with problems: every environment merges it, and code that
    // builds specs assumes validated values (its problems are reported once, here).
    boolean commonValid = problems.isEmpty();
    StoreSettings store =
        common
            .filter(c -> commonValid)
            .map(c -> new StoreBinder(problems, secretBinder).store(c, dir))
            .orElse(null);

    List<Path> envFiles = environmentFiles(dir);
    if (envFiles.isEmpty()) {
      problems.add(
          new VarProblem(
              Position.startOf(dir.resolve("<environment>.yml")),
              "",
              "no environment files: add one <environment>.yml per environment beside common.yml"));
    }
    SortedMap<String, EnvironmentSpec> specs = new TreeMap<>();
    ExpectedDriftBinder expectedDrift = new ExpectedDriftBinder(problems);
    for (Path file : envFiles) {
      String fileName = file.getFileName().toString();
      String name = fileName.substring(0, fileName.lastIndexOf('.'));
      if (!EnvironmentName.isValid(name)) {
        problems.add(
            new VarProblem(
                Position.startOf(file), "", "file name: " + EnvironmentName.whyInvalid(name)));
        continue;
      }
      if (specs.containsKey(name)) {
        problems.add(
            new VarProblem(
                Position.startOf(file),
                "",
                "environment '" + name + "' is defined twice (.yml and .yaml)"));
        continue;
      }
      Optional<YamlMap> own = YamlReader.read(file, problems.list());
      if (own.isEmpty()) {
        continue;
      }
      int before = problems.size();
      SchemaValidator.validate(own.get(), false, problems.list());
      checkEnvironmentKey(own.get(), file, name);
      if (problems.size() > before || common.isEmpty() || !commonValid) {
        continue;
      }
      YamlMap merged = Merger.merge(common.get(), own.get());
      List<ExpectedDrift> expected =
          expectedDrift.entries(common.get(), own.get(), name, environmentNames(envFiles));
      new EnvironmentBinder(problems, secretBinder, store)
          .build(name, file, merged, dir, expected)
          .ifPresent(spec -> specs.put(name, spec));
    }
    Set<String> files = environmentNames(envFiles);
    if (problems.isEmpty()) {
      new CrossFileChecks(problems).check(specs);
    }
    ParityPolicy policy =
        commonValid
            ? common
                .map(c -> new PolicyBinder(problems).policy(c, specs, files))
                .orElse(ParityPolicy.strict())
            : ParityPolicy.strict();
    List<NotifyTarget> notify =
        commonValid
            ? common
                .map(c -> new NotifyBinder(problems, secretBinder).targets(c, dir, files))
                .orElse(List.of())
            : List.<NotifyTarget>of();
    return result(dir, policy, specs, store, notify);
  }

  private VarSet result(
      Path dir,
      ParityPolicy policy,
      SortedMap<String, EnvironmentSpec> specs,
      StoreSettings store,
      List<NotifyTarget> notify) {
    List<VarProblem> sorted = new ArrayList<>(problems.list());
    sorted.sort(
        Comparator.comparing((VarProblem p) -> p.position().file().toString())
            .thenComparingInt(p -> p.position().line())
            .thenComparingInt(p -> p.position().column()));
    return new VarSet(dir, policy, specs, sorted, store, notify);
  }

  private static java.util.SortedSet<String> environmentNames(List<Path> envFiles) {
    return envFiles.stream()
        .map(f -> f.getFileName().toString())
        .map(n -> n.substring(0, n.lastIndexOf('.')))
        .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
  }

  private List<Path> environmentFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.sorted().toList();
      for (Path p : all) {
        String n = p.getFileName().toString();
        String lower = n.toLowerCase(java.util.Locale.ROOT);
        if ((lower.endsWith(".yml") || lower.endsWith(".yaml"))
            && !(n.endsWith(".yml") || n.endsWith(".yaml"))) {
          // Silently skipping it would drop an environment the team thinks it declared.
          problems.add(
              new VarProblem(
                  Position.startOf(p),
                  "",
                  "file name: parity reads environment files named <environment>.yml (lower-case"
                      + " extension); rename it or move it out of the vars directory"));
        }
      }
      return all.stream()
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".yml") || n.endsWith(".yaml"))
                    && !n.equals(COMMON)
                    && !n.equals("common.yaml");
              })
          .toList();
    } catch (IOException e) {
      problems.add(new VarProblem(Position.startOf(dir), "", "cannot list: " + e.getMessage()));
      return List.of();
    }
  }

  private void checkEnvironmentKey(YamlMap own, Path file, String name) {
    Entry e = own.entries().get("environment");
    if (e == null) {
      problems.add(
          new VarProblem(own.position(), "environment", "missing; write environment: " + name));
    } else if (e.value() instanceof Scalar s && !s.text().equals(name)) {
      problems.add(
          new VarProblem(
              s.position(),
              "environment",
              "is "
                  + SchemaValidator.quoteName(s.text())
                  + " but the file is "
                  + file.getFileName()
                  + "; they must match"));
    }
  }
}
