package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.terraform.JsonScanner.Token;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte-level reader under the plan summary: strict where it reads, balanced where it skips. */
class JsonScannerTest {
  private static JsonScanner scanner(String json) throws IOException {
    return new JsonScanner(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** Every token with its text, skipping nothing. */
  private static List<String> tokens(String json) throws IOException {
    List<String> out = new ArrayList<>();
    try (JsonScanner s = scanner(json)) {
      for (Token t = s.next(); t != Token.END; t = s.next()) {
        out.add(
            t == Token.FIELD_NAME || t == Token.STRING || t == Token.SCALAR
                ? t + ":" + s.text()
                : t.name());
      }
    }
    return out;
  }

  @Test
  void readsKeysStringsAndScalarsInOrder() throws IOException {
    assertThat(tokens("{\"a\": [1, -2.5e3, true, null, \"x\"], \"b\": {}}"))
        .containsExactly(
            "START_OBJECT",
            "FIELD_NAME:a",
            "START_ARRAY",
            "SCALAR:1",
            "SCALAR:-2.5e3",
            "SCALAR:true",
            "SCALAR:null",
            "STRING:x",
            "END_ARRAY",
            "FIELD_NAME:b",
            "START_OBJECT",
            "END_OBJECT",
            "END_OBJECT");
  }

  @Test
  void decodesEscapesAndUtf8AsJacksonWould() throws IOException {
    String address = "module.a[\\\"k\\\\\\/é\\u00e9\\ud83d\\ude00\\n\\t\\\"]";
    assertThat(tokens("[\"" + address + "\"]"))
        .containsExactly("START_ARRAY", "STRING:module.a[\"k\\/éé\uD83D\uDE00\n\t\"]", "END_ARRAY");
  }

  @Test
  void skipsAValueWithBracketsAndQuotesInsideItsStrings() throws IOException {
    try (JsonScanner s =
        scanner("{\"before\": {\"x\": \"}]\\\"{[\", \"y\": [[{}]]}, \"after\": \"z\"}")) {
      assertThat(s.next()).isEqualTo(Token.START_OBJECT);
      assertThat(s.next()).isEqualTo(Token.FIELD_NAME);
      assertThat(s.next()).isEqualTo(Token.START_OBJECT);
      s.skipChildren();
      assertThat(s.next()).isEqualTo(Token.FIELD_NAME);
      assertThat(s.text()).isEqualTo("after");
      assertThat(s.next()).isEqualTo(Token.STRING);
      assertThat(s.text()).isEqualTo("z");
      assertThat(s.next()).isEqualTo(Token.END_OBJECT);
      assertThat(s.next()).isEqualTo(Token.END);
    }
  }

  @Test
  void stringsLongerThanTheBufferAreReadWholeAndSkippedWhole() throws IOException {
    String big = "é".repeat(200_000) + "\\\"" + "x".repeat(300_000);
    String json = "{\"skip\": [\"" + big + "\"], \"keep\": \"" + big + "\"}";
    try (JsonScanner s = scanner(json)) {
      s.next();
      s.next();
      s.next();
      s.skipChildren();
      assertThat(s.next()).isEqualTo(Token.FIELD_NAME);
      assertThat(s.text()).isEqualTo("keep");
      s.next();
      assertThat(s.text()).hasSize(500_001).startsWith("éé").contains("\"x");
      assertThat(s.next()).isEqualTo(Token.END_OBJECT);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\" 1}",
        "{\"a\": 1,}",
        "[1 2]",
        "{\"a\": }",
        "{1: 2}",
        "[1,,2]",
        "[tru]",
        "[01]",
        "{\"a\": 1]",
        "[\"unterminated",
        "{\"a\": {\"b\": [}}",
        "{} {}",
        "{\"bad \\x escape\": 1}",
        "{\"a\": {\"skipped\": [}]}",
        "{\"a\": {\"skipped\": \"never closed}}"
      })
  void malformedJsonIsRejectedWithTheByteOffset(String json) {
    assertThatThrownBy(
            () -> {
              try (JsonScanner s = scanner(json)) {
                for (Token t = s.next(); t != Token.END; t = s.next()) {
                  if (t == Token.START_OBJECT && json.contains("skipped")) {
                    s.next();
                    if (s.next() == Token.START_OBJECT) {
                      s.next();
                      s.next();
                      s.skipChildren();
                    }
                  }
                }
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("at byte ");
  }
}
