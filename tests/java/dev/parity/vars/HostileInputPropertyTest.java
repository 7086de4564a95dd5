package dev.parity.vars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.ParityHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random bytes, keys and values in a variable set: parity answers every one with exit 0 or 1 and
 * its own words, never a stack trace, and never repeats a secret-looking value it was given.
 */
class HostileInputPropertyTest {
  private static Path vars;

  @BeforeContainer
  static void bundled() throws IOException {
    vars = Files.createTempDirectory("parity-hostile-");
    ParityHome.copyTree(ParityHome.REPOSITORY.resolve("vars"), vars);
  }

  @AfterContainer
  static void remove() throws IOException {
    try (var walk = Files.walk(vars)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String validate(byte[] prod) throws IOException {
    Files.write(vars.resolve("prod.yml"), prod);
    BrokenVarSetsTest.Result v = BrokenVarSetsTest.validate(vars, vars.resolve(".work"));
    String all = v.out() + "\n" + v.err();
    assertThat(v.exit()).as(all).isIn(0, 1);
    assertThat(all)
        .doesNotContain("at dev.parity")
        .doesNotContain("Exception")
        .doesNotContain("--debug");
    return all;
  }

  @Property(tries = 200)
  void randomBytesNeverGiveAStackTrace(@ForAll byte[] prod) throws IOException {
    validate(prod);
  }

  @Property(tries = 200)
  void randomYamlLikeTextNeverGivesAStackTrace(@ForAll("yamlish") String prod) throws IOException {
    validate(("environment: prod\n" + prod).getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 200)
  void aSecretLookingValueIsNeverEchoed(
      @ForAll("keys") String key,
      @ForAll("indicators") String lead,
      @ForAll("secrets") String secret)
      throws IOException {
    String value = lead + secret;
    String prod =
        "environment: prod\nservices:\n  postgresql:\n    settings:\n      "
            + key
            + "_password: "
            + value
            + "\nsecrets:\n  other: { env: "
            + value
            + " }\n";
    String all = validate(prod.getBytes(StandardCharsets.UTF_8));
    assertThat(all).doesNotContain(secret);
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.strings()
        .withChars(":{}[],-&*!|>'\"%@`#? \n\tabcxyz0123456789.\u001b\u202e")
        .ofMaxLength(200);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
  }

  @Provide
  Arbitrary<String> indicators() {
    return Arbitraries.of(
        "", "!", "&", "*", "@", "`", "%", "|", ">", "'", "\"", "? ", "- ", "{", "[");
  }

  @Provide
  Arbitrary<String> secrets() {
    // Long enough that finding it in the output cannot be a coincidence.
    return Arbitraries.strings().withCharRange('a', 'z').ofLength(14).map(s -> "Zq9" + s);
  }
}
