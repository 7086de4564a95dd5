package dev.parity.process;

/**
 * Runs external tools. The one way parity starts a process, so that every tool gets an argument
 * list, a timeout, masked streamed output and a typed result. Tests may replace it.
 */
@FunctionalInterface
public interface ProcessRunner {

  /**
   * Runs the command to completion or until its timeout. Never throws for a non-zero exit: callers
   * decide with {@link ProcessResult#orThrow()}. Throws {@link ToolNotFoundException} when the
   * program cannot be started.
   */
  ProcessResult run(ProcessSpec spec);
}
