package dev.parity.vars;

import dev.parity.text.Names;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Drift a team has decided to live with for a while ({@code parity.expected_drift}): what may
 * differ, why, who answers for it and until when. Matching drift is listed as expected, never
 * counted in a verdict and never repaired.
 *
 * @param kind which layer it covers
 * @param target terraform: the address and attribute glob; configuration: the host glob; version:
 *     the service
 * @param task configuration: the task glob; otherwise null
 * @param from version: the lowest live version expected (inclusive), or null
 * @param to version: the highest live version expected (inclusive), or null
 * @param reason why it is accepted
 * @param owner who answers for it
 * @param expires the day it stops being expected (UTC)
 * @param position where it is written, for every message about it
 */
public record ExpectedDrift(
    Kind kind,
    String target,
    String task,
    String from,
    String to,
    String reason,
    String owner,
    LocalDate expires,
    Position position) {

  public enum Kind {
    TERRAFORM,
    CONFIGURATION,
    VERSION
  }

  /** Expired from its expiry day on: an entry nobody renewed fails closed. */
  public boolean expiredOn(LocalDate today) {
    return !today.isBefore(expires);
  }

  /**
   * Whether it covers one changed attribute of a resource: the glob matches the address and the
   * attribute path, or a path the attribute lies under ("tags" covers "tags.scanned").
   */
  public boolean coversAttribute(String address, String attribute) {
    if (kind != Kind.TERRAFORM) {
      return false;
    }
    Pattern p = glob(target);
    String path = address + "." + attribute;
    if (p.matcher(path).matches()) {
      return true;
    }
    for (int i = path.indexOf('.', address.length() + 1); i > 0; i = path.indexOf('.', i + 1)) {
      if (p.matcher(path.substring(0, i)).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Whether it covers a task that check mode found changed on a host. */
  public boolean coversTask(String host, String taskName) {
    return kind == Kind.CONFIGURATION
        && glob(target).matcher(host).matches()
        && glob(task).matcher(taskName).matches();
  }

  /** Whether it covers a live version of a service other than the declared one. */
  public boolean coversVersion(String service, String observed) {
    if (kind != Kind.VERSION || !target.equals(service) || !isVersion(observed)) {
      return false;
    }
    return (from == null || compare(observed, from) >= 0)
        && (to == null || compare(observed, to) <= 0);
  }

  private static boolean isVersion(String text) {
    return text != null && Names.VERSION.matcher(text).matches();
  }

  /** Dotted versions by number, a missing component counting as 0: 16.4 < 16.10, 16 = 16.0. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? Long.parseLong(x[i]) : 0;
      long q = i < y.length ? Long.parseLong(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }

  /** What it covers, for a line of output: "terraform aws_db_instance.main.engine_version". */
  public String what() {
    return switch (kind) {
      case TERRAFORM -> "terraform " + target;
      case CONFIGURATION -> "configuration " + target + ": " + task;
      case VERSION ->
          "version " + target + " " + (from == null ? "" : from) + ".." + (to == null ? "" : to);
    };
  }

  /** Who and until when, for every line that names it: "owner dba-team, expires 2027-03-01". */
  public String terms() {
    return "owner " + owner + ", expires " + expires + " (" + position + ")";
  }

  /** A glob where * matches any characters and everything else is literal. */
  static Pattern glob(String glob) {
    java.util.StringJoiner re = new java.util.StringJoiner(".*");
    for (String part : glob.split("\\*", -1)) {
      re.add(part.isEmpty() ? "" : Pattern.quote(part));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** The entries of a list that are expired on a day. */
  public static List<ExpectedDrift> expired(List<ExpectedDrift> entries, LocalDate today) {
    return entries.stream().filter(e -> e.expiredOn(today)).toList();
  }
}
