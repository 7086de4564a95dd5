package dev.parity.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Under {@code CI=true} a test that would be skipped (a failed assumption, in the test or its
 * set-up) fails instead: CI has root, mount rights and every tool, so a skip there means a check
 * silently did not run. Registered for every test through JUnit's extension auto-detection
 * (META-INF/services and junit-platform.properties).
 */
public final class NoSkipsUnderCi
    implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static void rethrow(Throwable t) throws Throwable {
    if (t instanceof TestAbortedException skipped && underCi()) {
      throw new AssertionError(
          "a test may not be skipped under CI=true: " + skipped.getMessage(), t);
    }
    throw t;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    rethrow(t);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t)
      throws Throwable {
    rethrow(t);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t)
      throws Throwable {
    rethrow(t);
  }
}
