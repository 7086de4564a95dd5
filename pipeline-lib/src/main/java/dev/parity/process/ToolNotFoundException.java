package dev.parity.process;

import dev.parity.error.ParityException;

/** The program of a {@link ProcessSpec} could not be started (missing, not executable). */
public final class ToolNotFoundException extends ParityException {
  public ToolNotFoundException(ProcessSpec spec, Throwable cause) {
    super(
        "cannot start "
            + spec.tool()
            + " ("
            + spec.argv().get(0)
            + "): "
            + cause.getMessage()
            + "; run `parity doctor` to see what is missing",
        cause);
  }
}
