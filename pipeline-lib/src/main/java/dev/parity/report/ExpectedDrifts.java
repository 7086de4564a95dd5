package dev.parity.report;

import dev.parity.assertion.AssertionResult;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.ExpectedDrift;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The expected-drift entries of each environment, as the reports show them: listed with their owner
 * and expiry beside the findings, and marking a failed live version check that one covers.
 */
public record ExpectedDrifts(SortedMap<String, List<ExpectedDrift>> byEnvironment) {
  public static final ExpectedDrifts NONE = new ExpectedDrifts(new TreeMap<>());

  public ExpectedDrifts {
    byEnvironment = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byEnvironment));
  }

  public static ExpectedDrifts of(Collection<EnvironmentSpec> specs) {
    SortedMap<String, List<ExpectedDrift>> m = new TreeMap<>();
    specs.forEach(s -> m.put(s.name(), s.expectedDrift()));
    return new ExpectedDrifts(m);
  }

  public boolean isEmpty() {
    return byEnvironment.values().stream().allMatch(List::isEmpty);
  }

  /**
   * The entry, in force at {@code at}, that covers a failed version check; empty when none does.
   */
  public Optional<ExpectedDrift> covering(String environment, AssertionResult r, Instant at) {
    if (r.passed() || !r.check().equals("version")) {
      return Optional.empty();
    }
    return covering(environment, r.service(), r.observed(), at);
  }

  Optional<ExpectedDrift> covering(
      String environment, String service, String observed, Instant at) {
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    return byEnvironment.getOrDefault(environment, List.of()).stream()
        .filter(e -> !e.expiredOn(day) && e.coversVersion(service, observed))
        .findFirst();
  }

  /** One line of the reports' list: an environment's entry, and whether it had expired by then. */
  record Row(String environment, ExpectedDrift entry, boolean expired) {}

  /** Every entry once per environment, judged for expiry on the report's day. */
  List<Row> rows(Instant generated) {
    LocalDate day = LocalDate.ofInstant(generated, ZoneOffset.UTC);
    List<Row> rows = new java.util.ArrayList<>();
    byEnvironment.forEach(
        (env, entries) -> entries.forEach(e -> rows.add(new Row(env, e, e.expiredOn(day)))));
    return rows;
  }

  /** "expected drift: reason (owner dba, expires 2027-03-01 ...)" or the same with "EXPIRED". */
  static String describe(ExpectedDrift e, Instant now) {
    return (e.expiredOn(LocalDate.ofInstant(now, ZoneOffset.UTC)) ? "EXPIRED " : "")
        + "expected drift: "
        + e.reason()
        + " ("
        + e.terms()
        + ")";
  }
}
