package dev.parity.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The secret tests' argv sampler must be able to fail: on a hit, and on too little sampling. */
class ArgvSamplerTest {

  @Test
  void findsASecretInAnotherProcesssArguments() throws Exception {
    String canary = "canary-" + UUID.randomUUID();
    ArgvSampler sampler = ArgvSampler.start(List.of(canary));
    Process p = new ProcessBuilder("sh", "-c", "sleep 1", canary).start();
    p.waitFor();
    assertThatThrownBy(sampler::verify)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("holding a secret")
        .hasMessageContaining(canary);
  }

  @Test
  void refusesARunItBarelyWatched() {
    ArgvSampler sampler = ArgvSampler.start(List.of("never-there-" + UUID.randomUUID()));
    assertThatThrownBy(sampler::verify)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("argv samples over");
  }

  @Test
  void passesARunItWatchedThroughout() throws Exception {
    ArgvSampler sampler = ArgvSampler.start(List.of("never-there-" + UUID.randomUUID()));
    new ProcessBuilder("sleep", "1").start().waitFor();
    assertThatCode(sampler::verify).doesNotThrowAnyException();
  }
}
