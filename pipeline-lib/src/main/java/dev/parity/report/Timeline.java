package dev.parity.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.check.Version;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The version each environment ran over time, per service, from the run records of live checks
 * (assert, status, deploy): drawn as an inline SVG (presentation attributes only, so it renders
 * under Jenkins' Content Security Policy), with drift and repairs marked.
 */
public final class Timeline {
  /** What one live check saw of one service in one environment. */
  public record Sample(
      Instant at, String environment, String service, String version, State state) {}

  /** A sample's verdict. */
  public enum State {
    OK,
    DRIFT,
    /** Drift an expected-drift entry in force at the time covers: listed, never counted. */
    EXPECTED,
    UNREACHABLE
  }

  static final String DRIFT_COLOUR = "#c62828";
  static final String REPAIR_COLOUR = "#2e7d32";
  static final String UNREACHABLE_COLOUR = "#757575";
  static final String EXPECTED_COLOUR = "#f9a825";

  /** Versions are told apart by these fills, oldest version first. */
  static final List<String> VERSION_COLOURS =
      List.of("#90caf9", "#ce93d8", "#80cbc4", "#ffcc80", "#f48fb1", "#b0bec5", "#c5e1a5");

  public static final Timeline EMPTY = new Timeline(List.of());

  /** How far back the timeline looks: runs accumulate for as long as a team uses parity. */
  public static final java.time.Duration WINDOW = java.time.Duration.ofDays(90);

  /** The start of the window that ends now. */
  public static Instant windowStart() {
    return Instant.now().minus(WINDOW);
  }

  private final List<Sample> samples;

  public Timeline(List<Sample> samples) {
    this.samples = samples.stream().sorted(Comparator.comparing(Sample::at)).toList();
  }

  public List<Sample> samples() {
    return samples;
  }

  /**
   * The samples in run records (oldest first): each record whose results are a live check (a
   * RunReport: environments with version results). Other records are skipped.
   */
  public static Timeline fromRecords(List<JsonNode> records) {
    return fromRecords(records, ExpectedDrifts.NONE);
  }

  /** The same, marking drift that an expected-drift entry in force at the time covers. */
  public static Timeline fromRecords(List<JsonNode> records, ExpectedDrifts expected) {
    List<Sample> samples = new ArrayList<>();
    for (JsonNode record : records) {
      Instant at;
      try {
        at = Instant.parse(record.path("started").asText());
      } catch (RuntimeException e) {
        continue; // a record without a readable time cannot be placed on a timeline
      }
      for (JsonNode env : record.path("results").path("environments")) {
        Map<String, List<JsonNode>> byService = new TreeMap<>();
        for (JsonNode r : env.path("results")) {
          if (r.path("check").asText().equals("version")) {
            byService.computeIfAbsent(r.path("service").asText(), s -> new ArrayList<>()).add(r);
          }
        }
        byService.forEach(
            (service, results) -> {
              TreeSet<String> versions = new TreeSet<>();
              boolean unreachable = false;
              boolean ok = true;
              boolean allExpected = true;
              String environment = env.path("environment").asText();
              for (JsonNode r : results) {
                String observed = r.path("observed").asText();
                unreachable |= observed.equals("unreachable");
                boolean passed = r.path("passed").asBoolean(false);
                ok &= passed;
                allExpected &=
                    passed || expected.covering(environment, service, observed, at).isPresent();
                if (!observed.equals("unreachable")) {
                  versions.add(observed);
                }
              }
              samples.add(
                  new Sample(
                      at,
                      env.path("environment").asText(),
                      service,
                      String.join(", ", versions),
                      unreachable
                          ? State.UNREACHABLE
                          : ok ? State.OK : allExpected ? State.EXPECTED : State.DRIFT));
            });
      }
    }
    return new Timeline(samples);
  }

  public boolean has(String service) {
    return samples.stream().anyMatch(s -> s.service().equals(service));
  }

  /** The service's timeline as inline SVG, one row per environment in the order given. */
  public String svg(String service, List<String> environments, Instant now) {
    List<Sample> mine = samples.stream().filter(s -> s.service().equals(service)).toList();
    int left = 110;
    int plot = 640;
    int row = 28;
    int top = 24;
    int height = top + row * environments.size() + 46;
    Instant first = mine.get(0).at();
    Instant last =
        now.isAfter(mine.get(mine.size() - 1).at()) ? now : mine.get(mine.size() - 1).at();
    double span = Math.max(1, last.toEpochMilli() - first.toEpochMilli());
    List<String> versions = versions(mine);
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(left + plot + 20)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.esc(service))
        .append(" versions over time\" font-family=\"sans-serif\" font-size=\"12\">");
    sb.append("<text x=\"")
        .append(left)
        .append("\" y=\"14\" fill=\"#333\">")
        .append(date(first))
        .append("</text><text x=\"")
        .append(left + plot)
        .append("\" y=\"14\" fill=\"#333\" text-anchor=\"end\">")
        .append(date(last))
        .append("</text>");
    for (int i = 0; i < environments.size(); i++) {
      String env = environments.get(i);
      int y = top + i * row;
      sb.append("<text x=\"")
          .append(left - 8)
          .append("\" y=\"")
          .append(y + 17)
          .append("\" text-anchor=\"end\" fill=\"#222\">")
          .append(Html.esc(env))
          .append("</text>");
      sb.append("<rect x=\"")
          .append(left)
          .append("\" y=\"")
          .append(y + 3)
          .append("\" width=\"")
          .append(plot)
          .append("\" height=\"")
          .append(row - 6)
          .append("\" fill=\"#f2f2f2\"/>");
      List<Sample> line = runs(mine.stream().filter(s -> s.environment().equals(env)).toList());
      for (int j = 0; j < line.size(); j++) {
        Sample s = line.get(j);
        Instant end = j + 1 < line.size() ? line.get(j + 1).at() : last;
        double x0 = left + plot * (s.at().toEpochMilli() - first.toEpochMilli()) / span;
        double x1 = left + plot * (end.toEpochMilli() - first.toEpochMilli()) / span;
        String fill =
            s.state() == State.UNREACHABLE ? UNREACHABLE_COLOUR : colour(versions, s.version());
        sb.append("<rect x=\"")
            .append(fmt(x0))
            .append("\" y=\"")
            .append(y + 3)
            .append("\" width=\"")
            .append(fmt(Math.max(2, x1 - x0)))
            .append("\" height=\"")
            .append(row - 6)
            .append("\" fill=\"")
            .append(fill)
            .append("\"><title>")
            .append(Html.esc(env + " " + service + " " + s.version() + " from " + s.at()))
            .append("</title></rect>");
        if (x1 - x0 > 44 && s.state() != State.UNREACHABLE) {
          sb.append("<text x=\"")
              .append(fmt(x0 + 4))
              .append("\" y=\"")
              .append(y + 18)
              .append("\" fill=\"#111\">")
              .append(Html.esc(s.version()))
              .append("</text>");
        }
        boolean repaired = j > 0 && line.get(j - 1).state() != State.OK && s.state() == State.OK;
        if (s.state() != State.OK || repaired) {
          sb.append("<circle cx=\"")
              .append(fmt(x0))
              .append("\" cy=\"")
              .append(y + row / 2)
              .append("\" r=\"6\" fill=\"")
              .append(
                  repaired
                      ? REPAIR_COLOUR
                      : s.state() == State.EXPECTED ? EXPECTED_COLOUR : DRIFT_COLOUR)
              .append("\" stroke=\"#fff\" stroke-width=\"1.5\"><title>")
              .append(
                  Html.esc(
                      env
                          + (repaired
                              ? " repaired "
                              : s.state() == State.DRIFT
                                  ? " drifted "
                                  : s.state() == State.EXPECTED
                                      ? " expected drift "
                                      : " unreachable ")
                          + s.at()))
              .append("</title></circle>");
        }
      }
    }
    int legendY = top + row * environments.size() + 22;
    int x = left;
    for (String v : versions) {
      sb.append("<rect x=\"")
          .append(x)
          .append("\" y=\"")
          .append(legendY - 10)
          .append("\" width=\"12\" height=\"12\" fill=\"")
          .append(colour(versions, v))
          .append("\"/><text x=\"")
          .append(x + 16)
          .append("\" y=\"")
          .append(legendY)
          .append("\" fill=\"#222\">")
          .append(Html.esc(v))
          .append("</text>");
      x += 24 + 8 * v.length();
    }
    sb.append("<circle cx=\"")
        .append(x + 6)
        .append("\" cy=\"")
        .append(legendY - 4)
        .append("\" r=\"6\" fill=\"")
        .append(DRIFT_COLOUR)
        .append("\"/><text x=\"")
        .append(x + 16)
        .append("\" y=\"")
        .append(legendY)
        .append("\" fill=\"#222\">drift</text>");
    x += 60;
    sb.append("<circle cx=\"")
        .append(x + 6)
        .append("\" cy=\"")
        .append(legendY - 4)
        .append("\" r=\"6\" fill=\"")
        .append(REPAIR_COLOUR)
        .append("\"/><text x=\"")
        .append(x + 16)
        .append("\" y=\"")
        .append(legendY)
        .append("\" fill=\"#222\">repaired</text>");
    if (mine.stream().anyMatch(s -> s.state() == State.EXPECTED)) {
      x += 80;
      sb.append("<circle cx=\"")
          .append(x + 6)
          .append("\" cy=\"")
          .append(legendY - 4)
          .append("\" r=\"6\" fill=\"")
          .append(EXPECTED_COLOUR)
          .append("\"/><text x=\"")
          .append(x + 16)
          .append("\" y=\"")
          .append(legendY)
          .append("\" fill=\"#222\">expected drift</text>");
    }
    return sb.append("</svg>").toString();
  }

  /** Consecutive samples of one version and state drawn as one bar: a change starts a new one. */
  private static List<Sample> runs(List<Sample> samples) {
    List<Sample> runs = new ArrayList<>();
    for (Sample s : samples) {
      Sample last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last == null || !last.version().equals(s.version()) || last.state() != s.state()) {
        runs.add(s);
      }
    }
    return runs;
  }

  /** The versions seen, oldest first (by version order where they parse). */
  private static List<String> versions(List<Sample> samples) {
    TreeSet<String> seen = new TreeSet<>(Version::compareLeniently);
    samples.stream()
        .filter(s -> s.state() != State.UNREACHABLE && !s.version().isEmpty())
        .forEach(s -> seen.add(s.version()));
    return new ArrayList<>(seen);
  }

  /**
   * The version's colour in the legend; a version the legend does not hold (none observed, or one
   * that orders equal to another) is drawn in the unreachable grey rather than failing the report.
   */
  private static String colour(List<String> versions, String version) {
    int i = versions.indexOf(version);
    return i < 0 ? UNREACHABLE_COLOUR : VERSION_COLOURS.get(i % VERSION_COLOURS.size());
  }

  private static String date(Instant at) {
    return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
