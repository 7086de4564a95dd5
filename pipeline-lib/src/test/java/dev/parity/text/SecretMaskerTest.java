package dev.parity.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
  @Test
  void masksEveryOccurrenceLongestFirst() {
    SecretMasker masker = SecretMasker.of(List.of("abc", "abcdef"));
    assertThat(masker.mask("x abcdef y abc")).isEqualTo("x **** y ****");
  }

  @Test
  void ignoresBlankValuesThatWouldMaskEverything() {
    SecretMasker masker = SecretMasker.of(java.util.Arrays.asList("", " ", null));
    assertThat(masker.mask("plain text")).isEqualTo("plain text");
  }
}
