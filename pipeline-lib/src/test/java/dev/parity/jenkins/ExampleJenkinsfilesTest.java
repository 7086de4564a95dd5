package dev.parity.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.lang.Closure;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example Jenkinsfiles, run under JenkinsPipelineUnit with the library loaded. */
class ExampleJenkinsfilesTest extends PipelineTestSupport {

  @Override
  @BeforeEach
  public void setUp() throws Exception {
    super.setUp();
    for (String step :
        List.of(
            "properties",
            "parameters",
            "pipelineTriggers",
            "cron",
            "string",
            "booleanParam",
            "checkout")) {
      getHelper()
          .registerAllowedMethod(
              step,
              List.of(Object.class),
              new Closure<Object>(this) {
                public Object doCall(Object arg) {
                  return arg;
                }
              });
    }
    getBinding().setVariable("scm", Map.of());
  }

  private Object example(String name, Map<String, Object> params) throws Exception {
    getBinding().setVariable("params", new java.util.HashMap<>(params));
    String text = Files.readString(ParityStepsTest.examples().resolve(name));
    return pipeline(text.replace("@Library('parity') _", ""));
  }

  @Test
  void theDeployPipelineHasAStagePerEnvironmentAndAsksBeforeProduction() throws Exception {
    shell =
        s ->
            s.contains("'validate' '--env' 'prod'")
                ? "prod: protected: true\n"
                : s.contains("'validate'") ? "x: protected: false\n" : 0;
    credentialValues.put("shop-db-password", "from-the-credentials-store");
    example("Jenkinsfile.deploy", Map.of("ENVIRONMENTS", "dev,staging,prod"));
    assertThat(scriptsRun())
        .contains(
            "'./parity' 'check'",
            "'./parity' 'deploy' '--env' 'dev'",
            "'./parity' 'deploy' '--env' 'staging'",
            "'./parity' 'deploy' '--env' 'prod' '--auto-approve'");
    assertThat(inputs)
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.get("message"))
                    .hasToString("Deploy to the protected environment prod?"));
    assertThat(junits).hasSize(3);
    for (int i = 0; i < shCalls.size(); i++) {
      if (scriptsRun().get(i).contains("'deploy'")) {
        assertThat(shEnvironments.get(i))
            .as("each deploy runs with the credential bound")
            .containsEntry("SHOP_DB_PASSWORD", "from-the-credentials-store");
      }
    }
  }

  @Test
  void theNightlyReconciliationRepairsUnprotectedEnvironmentsAndReportsProduction()
      throws Exception {
    example("Jenkinsfile.reconcile", Map.of());
    assertThat(scriptsRun())
        .containsExactly(
            "'./parity' 'reconcile' '--env' 'local' '--restore'",
            "'./parity' 'reconcile' '--env' 'dev' '--restore'",
            "'./parity' 'reconcile' '--env' 'qa' '--restore'",
            "'./parity' 'reconcile' '--env' 'staging' '--restore'",
            "'./parity' 'reconcile' '--env' 'prod'");
  }

  @Test
  void theRolloutPipelinePassesItsParametersAsLiteralArguments() throws Exception {
    example(
        "Jenkinsfile.rollout",
        Map.of(
            "SERVICE",
            "postgresql",
            "VERSION",
            "16.4",
            "ENVIRONMENTS",
            "dev,qa,staging,prod",
            "RESUME",
            false));
    assertThat(scriptsRun())
        .containsExactly(
            "'./parity' 'rollout' '--service' 'postgresql' '--to' '16.4' '--envs' "
                + "'dev,qa,staging,prod' '--auto-approve'",
            "'./parity' 'check'");
    assertThat(inputs).hasSize(1);
  }
}
