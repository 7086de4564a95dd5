package dev.parity.check;

/**
 * How much a finding matters: errors break parity (exit 2), warnings are allowed lag, info is for
 * the reader.
 */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  public String label() {
    return name().toLowerCase();
  }
}
