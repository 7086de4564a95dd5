package dev.parity.change;

/**
 * What a person approved for a protected environment: nothing, whatever the command computes
 * ({@code --auto-approve}), or exactly the change set with this SHA-256 ({@code --approved}).
 *
 * @param any true for {@code --auto-approve}
 * @param sha256 the approved change set's SHA-256, or null
 * @param approvedBy who approved, for the run record (Jenkins' submitter), or null
 */
public record Approval(boolean any, String sha256, String approvedBy) {
  public static final Approval NONE = new Approval(false, null, null);
  public static final Approval ANY = new Approval(true, null, null);

  public static Approval of(String sha256) {
    return new Approval(false, sha256, null);
  }

  public Approval by(String who) {
    return new Approval(any, sha256, who);
  }

  /** For messages and records: "--auto-approve", "change set 3f2a…", or "none". */
  public String describe() {
    return any ? "--auto-approve" : sha256 != null ? "change set " + sha256 : "none";
  }
}
