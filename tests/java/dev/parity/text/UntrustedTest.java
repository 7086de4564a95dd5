package dev.parity.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class UntrustedTest {

  @Test
  void escapesCarriageReturnsAndBidiOverridesAreShownNotObeyed() {
    assertThat(Untrusted.visible("a\u001b[2Kb")).isEqualTo("a\\x1b[2Kb");
    assertThat(Untrusted.visible("keep\rdelete")).isEqualTo("keep\\x0ddelete");
    assertThat(Untrusted.visible("abc\u202edcba")).isEqualTo("abc\\u202edcba");
    assertThat(Untrusted.visible("x\u2066y\u2069")).isEqualTo("x\\u2066y\\u2069");
    assertThat(Untrusted.visible("zero\u200bwidth\ufeff")).isEqualTo("zero\\u200bwidth\\ufeff");
    assertThat(Untrusted.visible("c1\u009bx")).isEqualTo("c1\\x9bx");
    assertThat(Untrusted.visible("aws_instance.web[\"ünïcode 名前\"]"))
        .isEqualTo("aws_instance.web[\"ünïcode 名前\"]");
  }

  @Test
  void linesKeepTheirBreaksButNothingElse() {
    assertThat(Untrusted.visibleLines("one\r\ntwo\u001b")).isEqualTo("one\\x0d\ntwo\\x1b");
  }

  @Property
  void nothingThatReachesATerminalCanControlIt(@ForAll String text) {
    String shown = Untrusted.visibleLines(text);
    assertThat(shown.chars().filter(c -> c != '\n').noneMatch(c -> Untrusted.hidden((char) c)))
        .isTrue();
  }
}
