package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.error.ParityException;
import dev.parity.support.ParityHome;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.VarSet;
import dev.parity.vars.VarSetLoader;
import org.junit.jupiter.api.Test;

class GatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final VarSet BUNDLED =
      new VarSetLoader().load(ParityHome.REPOSITORY.resolve("vars"));

  private static JsonNode summary(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void aProtectedEnvironmentLosesNothingWithoutAllowDestroy() throws Exception {
    EnvironmentSpec prod = BUNDLED.environment("prod");
    JsonNode deletes = summary("{\"deletes\":[\"a.b\"],\"replaces\":[\"c.d\"],\"errored\":false}");
    assertThatThrownBy(() -> Gates.check(prod, deletes, false))
        .isInstanceOf(ParityException.class)
        .hasMessageContaining("delete  a.b")
        .hasMessageContaining("replace c.d");
    assertThatCode(() -> Gates.check(prod, deletes, true)).doesNotThrowAnyException();
    assertThatCode(() -> Gates.check(BUNDLED.environment("dev"), deletes, false))
        .doesNotThrowAnyException();
  }

  @Test
  void anErroredPlanOrASummaryItCannotReadIsRefusedEverywhere() throws Exception {
    for (String env : new String[] {"dev", "prod"}) {
      EnvironmentSpec spec = BUNDLED.environment(env);
      assertThatThrownBy(
              () ->
                  Gates.check(
                      spec, summary("{\"deletes\":[],\"replaces\":[],\"errored\":true}"), true))
          .hasMessageContaining("errored; it cannot be applied");
      for (String unreadable :
          new String[] {
            "{}",
            "{\"deletes\":\"a.b\",\"replaces\":[],\"errored\":false}",
            "{\"deletes\":[],\"replaces\":[],\"errored\":\"false\"}"
          }) {
        assertThatThrownBy(() -> Gates.check(spec, summary(unreadable), true))
            .as(unreadable)
            .hasMessageContaining("has no summary parity can read");
      }
    }
  }
}
