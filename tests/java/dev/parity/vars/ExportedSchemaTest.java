package dev.parity.vars;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.parity.support.ParityHome;
import dev.parity.vars.YamlNode.Scalar;
import dev.parity.vars.YamlNode.YamlList;
import dev.parity.vars.YamlNode.YamlMap;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema parity exports (what an editor checks files against) agrees with parity's own
 * validation: every valid file passes it, and every broken case of the corpus that is a matter of
 * one file's shape fails it. Files are read as an editor's YAML 1.2 reader reads them: yes, on and
 * True are text, 16.4 unquoted is a number.
 */
class ExportedSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(JsonSchemaExport.render());
  private static final List<BrokenVarSetCorpus.Case> CORPUS = BrokenVarSetCorpus.load();

  /**
   * The broken cases a schema of one file can see: unknown keys, wrong types and spellings, values
   * out of range or pattern, one-of groups, a file that is neither kind. The rest are parity's own
   * (YAML syntax, cross-file rules, secrets by value, ports that collide, names across files).
   */
  private static final Set<String> SCHEMA_MATTERS =
      Set.of(
          "unknown-top-level-key",
          "unknown-service-key",
          "unknown-sizing-key",
          "topology-not-a-number",
          "services-is-a-list",
          "protected-is-text",
          "port-out-of-range",
          "topology-negative",
          "version-unquoted-decimal",
          "version-unquoted-whole-number",
          "version-not-a-version",
          "version-with-prefix",
          "root-is-a-list",
          "root-is-a-scalar",
          "secret-with-two-sources",
          "protected-in-a-yaml-1.1-spelling",
          "protected-capitalised",
          "ssh-pipelining-on",
          "unknown-backend",
          "wrong-schema",
          "environment-missing",
          "hostile-service-name",
          "traversal-service-name",
          "store-connection-string-from-two-places",
          "literal-secret");

  static Stream<BrokenVarSetCorpus.Case> schemaMatters() {
    return CORPUS.stream()
        .filter(c -> SCHEMA_MATTERS.contains(c.name()) || c.name().startsWith("boolean-"));
  }

  static Stream<Path> validFiles() throws Exception {
    try (Stream<Path> files = Files.list(ParityHome.REPOSITORY.resolve("vars"))) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void everyBundledFilePassesTheExportedSchema(Path file) throws Exception {
    assertThat(problems(file)).isEmpty();
  }

  @Test
  void theCorpusBaseFilesPassTheExportedSchema(@TempDir Path dir) throws Exception {
    CORPUS.get(0).writeTo(dir, CORPUS.get(0));
    for (String name : CORPUS.get(0).files().keySet()) {
      assertThat(problems(dir.resolve(name))).as(name).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaMatters")
  void aBrokenCaseThatIsAMatterOfShapeFailsTheExportedSchema(
      BrokenVarSetCorpus.Case broken, @TempDir Path dir) throws Exception {
    broken.writeTo(dir, CORPUS.get(0));
    List<String> all = new ArrayList<>();
    for (String name : broken.files().keySet()) {
      if (broken.files().get(name) != null) {
        all.addAll(problems(dir.resolve(name)));
      }
    }
    assertThat(all).as("the schema's findings in " + broken.files().keySet()).isNotEmpty();
  }

  @Test
  void theSchemaCarriesTheFormatsDefaults() throws Exception {
    JsonNode schema = JSON.readTree(JsonSchemaExport.render());
    JsonNode props = schema.path("properties");
    assertThat(props.at("/terraform/properties/timeout_minutes/default").asLong())
        .isEqualTo(VarSchema.defaultInt("terraform.timeout_minutes"));
    assertThat(props.at("/network/properties/bind_address/default").asText())
        .isEqualTo(VarSchema.defaultText("network.bind_address"));
    assertThat(props.at("/ssh/properties/pipelining/default").isBoolean()).isTrue();
    assertThat(props.at("/ssh/properties/bastion/properties/port/default").asLong()).isEqualTo(22);
  }

  private static List<String> problems(Path file) throws Exception {
    List<VarProblem> read = new ArrayList<>();
    var yaml = YamlReader.read(file, read);
    JsonNode doc;
    if (yaml.isPresent()) {
      doc = json(yaml.get());
    } else {
      // a root that is not a map: what the editor sees is the document as YAML 1.2 reads it
      doc = JSON.valueToTree(new org.yaml.snakeyaml.Yaml().load(Files.readString(file)));
    }
    return SCHEMA.validate(doc).stream().map(Object::toString).toList();
  }

  /** A node as a YAML 1.2 (core schema) reader gives it. */
  private static JsonNode json(YamlNode node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node instanceof YamlMap m) {
      ObjectNode o = f.objectNode();
      m.entries().forEach((k, e) -> o.set(k, json(e.value())));
      return o;
    }
    if (node instanceof YamlList l) {
      var a = f.arrayNode();
      l.items().forEach(i -> a.add(json(i)));
      return a;
    }
    Scalar s = (Scalar) node;
    String t = s.text();
    return switch (s.type()) {
      case NULL -> f.nullNode();
      case BOOL ->
          t.equals("true") || t.equals("false") ? f.booleanNode(t.equals("true")) : f.textNode(t);
      case INT -> {
        try {
          yield f.numberNode(new BigInteger(t.replace("_", "")));
        } catch (NumberFormatException e) {
          yield f.textNode(t);
        }
      }
      case FLOAT -> {
        try {
          yield f.numberNode(new java.math.BigDecimal(t));
        } catch (NumberFormatException e) {
          yield f.textNode(t);
        }
      }
      case STRING -> f.textNode(t);
    };
  }
}
