package dev.parity.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  @Test
  void masksTheFormsGoAndTofuPrint() {
    SecretMasker masker = SecretMasker.of(List.of("pw\"x\\y<z>"));
    // Go's %q of a URL holding it, and Go's JSON encoder (which escapes < and >)
    assertThat(masker.mask("parse \"postgres://u:pw\\\"x\\\\y<z>@h/db\": invalid userinfo"))
        .isEqualTo("parse \"postgres://u:****@h/db\": invalid userinfo");
    assertThat(masker.mask("{\"v\":\"pw\\\"x\\\\y\\u003cz\\u003e\"}"))
        .isEqualTo("{\"v\":\"****\"}");
  }

  @Test
  void masksEachLineOfAMultiLineValueAndThePartBeforeANul() {
    SecretMasker masker = SecretMasker.of(List.of("first-line\n  second-line\n", "cut-here\0rest"));
    assertThat(masker.mask("      first-line")).isEqualTo("      ****");
    assertThat(masker.mask("        second-line")).isEqualTo("      ****");
    assertThat(masker.mask("password=cut-here;")).isEqualTo("password=****;");
  }

  @Test
  void masksAJsonEncodedSecretRenderedOnceMoreAsAnHclString() throws Exception {
    String secret = "a\"b\nc";
    String twice = JSON.writeValueAsString(JSON.writeValueAsString(secret));
    assertThat(SecretMasker.of(List.of(secret)).mask("leak = " + twice))
        .doesNotContain("a\\")
        .contains("****");
  }

  /**
   * Whatever the secret, none of the forms that real encoders give it (Jackson's JSON, Java's URL
   * encoding, the raw value on several lines) survives masking of the output, line by line as
   * parity streams it.
   */
  @Property(tries = 500)
  void noDerivedFormOfASecretReachesTheOutput(@ForAll("secrets") String secret) throws Exception {
    SecretMasker masker = SecretMasker.of(List.of(secret));
    List<String> printed = new ArrayList<>();
    printed.add(secret);
    printed.add(JSON.writeValueAsString(secret));
    printed.add(JSON.writeValueAsString(JSON.writeValueAsString(secret)));
    printed.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    printed.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    for (String form : printed) {
      String output = "before " + form + " after";
      StringBuilder masked = new StringBuilder();
      for (String line : output.split("\n", -1)) {
        masked.append(masker.mask(line)).append('\n');
      }
      for (String part : secret.split("\n")) {
        if (part.strip().length() >= 4) {
          assertThat(masked.toString()).as(form).doesNotContain(part.strip());
        }
      }
      assertThat(masked.toString()).doesNotContain(form.strip().length() >= 4 ? form : "\0\0");
    }
  }

  @Provide
  Arbitrary<String> secrets() {
    Arbitrary<String> ascii =
        Arbitraries.strings()
            .withCharRange('!', '~')
            .excludeChars('*')
            .ofMinLength(4)
            .ofMaxLength(24);
    Arbitrary<String> hostile =
        Arbitraries.strings()
            .withChars("\"\\\n\t<>&'%+ =/@:é東\u2028")
            .ofMinLength(1)
            .ofMaxLength(6);
    return net.jqwik.api.Combinators.combine(ascii, hostile, ascii).as((a, h, b) -> a + h + b);
  }
}
