package dev.parity.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class NoSkipsUnderCiTest {
  private final NoSkipsUnderCi extension = new NoSkipsUnderCi();

  @Test
  void aSkipIsAFailureUnderCiAndStaysASkipElsewhere() {
    TestAbortedException skip = new TestAbortedException("Assumption failed: needs mount rights");
    if (NoSkipsUnderCi.underCi()) {
      assertThatThrownBy(() -> extension.handleTestExecutionException(null, skip))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("may not be skipped under CI=true")
          .hasMessageContaining("needs mount rights");
    } else {
      assertThatThrownBy(() -> extension.handleTestExecutionException(null, skip)).isSameAs(skip);
    }
  }

  @Test
  void otherFailuresPassThroughUnchanged() {
    AssertionError failure = new AssertionError("expected 1 but was 2");
    assertThatThrownBy(() -> extension.handleBeforeEachMethodExecutionException(null, failure))
        .isSameAs(failure);
    assertThat(NoSkipsUnderCi.underCi()).isEqualTo("true".equals(System.getenv("CI")));
  }
}
