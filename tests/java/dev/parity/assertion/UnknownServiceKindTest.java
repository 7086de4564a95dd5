package dev.parity.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.cli.Main;
import dev.parity.probe.ProbePool;
import dev.parity.process.ExecProcessRunner;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSetLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service of a kind parity has no role for (redis): validate warns that it is checked, not
 * configured; check still compares it; assert never takes an open port for its version.
 */
class UnknownServiceKindTest {
  @TempDir Path vars;

  private void write(String redisInProd) throws Exception {
    Files.writeString(
        vars.resolve("common.yml"),
        "schema: parity/v1\nproject: shop\nservices:\n"
            + "  redis: { version: \"7.2\", role: cache, port: 6379 }\n"
            + "topology: { cache: 1 }\nparity: { prod_like: [prod] }\n");
    Files.writeString(
        vars.resolve("local.yml"), "environment: local\nnetwork: { port_offset: 100 }\n");
    Files.writeString(vars.resolve("prod.yml"), "environment: prod\n" + redisInProd);
  }

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), System.getenv(), args);
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }

  @Test
  void validateWarnsCheckedNotConfiguredAndCheckStillComparesIt() throws Exception {
    write("");
    String[] valid = run("validate", "--vars", vars.toString());
    assertThat(valid[0]).as(valid[2]).isEqualTo("0");
    assertThat(valid[1])
        .contains("  prod: redis 7.2 from nowhere: checked, not configured (warning: parity has no")
        .contains("services.redis.probe");
    write("services:\n  redis: { version: \"7.4\" }\n");
    String[] check = run("check", "--vars", vars.toString());
    assertThat(check[0]).as(check[1] + check[2]).isEqualTo("2");
    assertThat(check[1]).contains("redis");
  }

  @Test
  void assertReportsVersionNotVerifiableInsteadOfPassingOnAnOpenPort() throws Exception {
    write("");
    EnvironmentSpec prod = new VarSetLoader().load(vars).environment("prod");
    try (ServerSocket open = new ServerSocket(0)) {
      var inventory =
          new ObjectMapper()
              .readTree(
                  "{\"environment\":\"prod\",\"nodes\":[{\"name\":\"prod-cache-0\",\"role\":\"cache\","
                      + "\"index\":0,\"address\":\"127.0.0.1\",\"ports\":{\"redis\":"
                      + open.getLocalPort()
                      + "},\"data_dir\":\"/srv/x/prod-cache-0\",\"connection\":\"local\"}]}");
      var results =
          new LiveAssertions(
                  new ProbePool(2),
                  new ExecProcessRunner(),
                  Duration.ofSeconds(2),
                  Clock.systemUTC())
              .check(prod, inventory, Map.of())
              .results();
      assertThat(results)
          .filteredOn(r -> r.service().equals("redis"))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.passed()).isFalse();
                assertThat(r.observed()).isEqualTo(AssertionResult.NOT_VERIFIABLE);
                assertThat(r.message()).contains("version not verifiable");
              });
    }
  }
}
