package dev.parity.change;

/** What the gate shows a person and compares an approval with: a change set, or a rollout's. */
public interface Approvable {
  /** Whose change it is, for messages: an environment, or "the rollout of postgresql 16.4". */
  String subject();

  /** True when nothing would change (no approval is needed for nothing). */
  boolean isEmpty();

  /** For people: every change, then the SHA-256. */
  String text();

  /** The SHA-256 that names it: what {@code --approved} takes. */
  String sha256();
}
