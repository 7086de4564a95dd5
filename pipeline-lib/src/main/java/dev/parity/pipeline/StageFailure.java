package dev.parity.pipeline;

import dev.parity.error.ParityException;

/** A pipeline stopped at a stage: the stage's name and exit code travel with the message. */
public final class StageFailure extends ParityException {
  private final String stage;
  private final int exitCode;

  public StageFailure(String environment, String stage, int exitCode, String message) {
    super(environment + ": stopped at stage " + stage + " (exit " + exitCode + "): " + message);
    this.stage = stage;
    this.exitCode = exitCode;
  }

  public String stage() {
    return stage;
  }

  @Override
  public int exitCode() {
    return exitCode;
  }
}
