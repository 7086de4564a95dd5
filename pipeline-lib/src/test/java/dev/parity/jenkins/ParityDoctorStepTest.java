package dev.parity.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lesfurets.jenkins.unit.BasePipelineTest;
import groovy.lang.Closure;
import groovy.lang.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The parityDoctor step and the parityCli helper under JenkinsPipelineUnit: what they hand to sh. */
class ParityDoctorStepTest extends BasePipelineTest {
  private final List<Map<?, ?>> shCalls = new ArrayList<>();
  private int shStatus;

  @Override
  @BeforeEach
  public void setUp() throws Exception {
    setScriptRoots(new String[] {"vars"});
    setScriptExtension("groovy");
    super.setUp();
    getBinding().setVariable("env", new java.util.HashMap<String, String>());
    getHelper().registerAllowedMethod("sh", List.of(Map.class), new Closure<Object>(this) {
      public Object doCall(Map<?, ?> args) {
        shCalls.add(args);
        return shStatus;
      }
    });
    Script cli = loadScript("parityCli.groovy");
    getHelper().registerAllowedMethod("parityCli", List.of(List.class), new Closure<Object>(this) {
      public Object doCall(List<?> args) {
        return cli.invokeMethod("call", new Object[] {args});
      }
    });
    getHelper().registerAllowedMethod("error", List.of(String.class), new Closure<Object>(this) {
      public Object doCall(String message) {
        throw new IllegalStateException(message);
      }
    });
  }

  @Test
  void runsParityDoctorThroughTheLauncherWithQuotedArguments() {
    Script step = loadScript("parityDoctor.groovy");
    Object result = step.invokeMethod("call", new Object[] {Map.of()});
    assertThat(shCalls).hasSize(1);
    assertThat(shCalls.get(0).get("script")).isEqualTo("'./parity' 'doctor'");
    assertThat(shCalls.get(0).get("returnStatus")).isEqualTo(true);
    assertThat(result).isEqualTo(Map.of("exitCode", 0));
  }

  @Test
  void failsTheBuildWhenToolsAreMissing() {
    shStatus = 1;
    Script step = loadScript("parityDoctor.groovy");
    assertThatThrownBy(() -> step.invokeMethod("call", new Object[] {Map.of()}))
        .hasMessageContaining("tools are missing on this agent (parity doctor exit 1)");
  }

  @Test
  void quotesHostileValuesAsSingleLiteralWords() {
    Script cli = loadScript("parityCli.groovy");
    cli.invokeMethod("call", new Object[] {List.of("check", "'; rm -rf / #", "$(id)", "a\nb")});
    assertThat(shCalls.get(0).get("script"))
        .isEqualTo("'./parity' 'check' ''\\''; rm -rf / #' '$(id)' 'a\nb'");
  }
}
