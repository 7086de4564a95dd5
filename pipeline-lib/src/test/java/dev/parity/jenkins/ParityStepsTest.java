package dev.parity.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.vars.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each step: what it validates, the exact CLI argument list it hands to sh, what it publishes, what
 * it returns.
 */
class ParityStepsTest extends PipelineTestSupport {

  @Override
  @BeforeEach
  public void setUp() throws Exception {
    super.setUp();
  }

  @Test
  void everyStepFileIsNamedForTheStepItDefines() throws IOException {
    try (var files = Files.list(LIBRARY.resolve("vars"))) {
      List<String> steps =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".groovy"))
              .map(n -> n.substring(0, n.length() - ".groovy".length()))
              .sorted()
              .toList();
      assertThat(steps)
          .containsExactly(
              "parityApply",
              "parityAssert",
              "parityCheck",
              "parityCli",
              "parityConfigure",
              "parityDeploy",
              "parityDoctor",
              "parityPlan",
              "parityReconcile",
              "parityRollout");
      for (String step : steps) {
        String text = Files.readString(LIBRARY.resolve("vars").resolve(step + ".groovy"));
        if (!step.equals("parityCli")) {
          assertThat(text).as(step).contains("parityCli.requireArgs('" + step + "'");
        }
      }
    }
  }

  @Test
  void planForwardsTheEnvironmentAndArchivesTheSummary() throws Exception {
    shell = s -> 2;
    Object result = pipeline("return parityPlan(env: 'prod', vars: 'vars')");
    assertThat(scriptsRun()).containsExactly("'./parity' 'plan' '--env' 'prod' '--vars' 'vars'");
    assertThat(result).isEqualTo(Map.of("exitCode", 2, "changes", true));
    assertThat(archives)
        .singleElement()
        .satisfies(a -> assertThat(a.get("artifacts")).hasToString(".parity/prod/plan/plan.json"));
  }

  @Test
  void checkReturnsWhetherTheEnvironmentsAreInParity() throws Exception {
    shell = s -> 0;
    assertThat(pipeline("return parityCheck()")).isEqualTo(Map.of("exitCode", 0, "inParity", true));
    assertThat(scriptsRun()).containsExactly("'./parity' 'check'");
  }

  @Test
  void applyInAProtectedEnvironmentAsksThroughInputFirst() throws Exception {
    shell = s -> s.contains("'validate'") ? "prod: protected: true\n" : 0;
    pipeline("parityApply(env: 'prod', allowDestroy: true)");
    assertThat(inputs)
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.get("message"))
                    .hasToString("Apply the saved plan to the protected environment prod?"));
    assertThat(scriptsRun())
        .containsExactly(
            "'./parity' 'validate' '--env' 'prod'",
            "'./parity' 'apply' '--env' 'prod' '--allow-destroy'");
  }

  @Test
  void applyInAnUnprotectedEnvironmentDoesNotAsk() throws Exception {
    shell = s -> s.contains("'validate'") ? "dev: protected: false\n" : 0;
    pipeline("parityApply(env: 'dev')");
    assertThat(inputs).isEmpty();
  }

  @Test
  void deployPublishesJUnitAndArchivesTheReports() throws Exception {
    shell = s -> s.contains("'validate'") ? "prod: protected: true\n" : 0;
    pipeline("parityDeploy(env: 'prod')");
    assertThat(inputs).hasSize(1);
    assertThat(scriptsRun())
        .last()
        .isEqualTo("'./parity' 'deploy' '--env' 'prod' '--auto-approve'");
    assertThat(junits)
        .singleElement()
        .satisfies(
            j -> assertThat(j.get("testResults")).hasToString(".parity/reports/prod/junit.xml"));
    assertThat(archives).isNotEmpty();
  }

  @Test
  void assertPublishesItsJUnitXmlAndReportsFailureAsAResult() throws Exception {
    shell = s -> 2;
    Object result = pipeline("return parityAssert(env: 'qa')");
    assertThat(scriptsRun())
        .containsExactly(
            "'./parity' 'assert' '--env' 'qa' '--junit' '.parity/reports/qa/assert.xml'");
    assertThat(junits).hasSize(1);
    assertThat(result).isEqualTo(Map.of("exitCode", 2, "passed", false));
  }

  @Test
  void configureCheckAndLimitAreForwarded() throws Exception {
    shell = s -> 2;
    Object result = pipeline("return parityConfigure(env: 'qa', check: true, limit: 'qa-db-0')");
    assertThat(scriptsRun())
        .containsExactly("'./parity' 'configure' '--env' 'qa' '--check' '--limit' 'qa-db-0'");
    assertThat(result).isEqualTo(Map.of("exitCode", 2, "drift", true));
  }

  @Test
  void reconcileTakesOneEnvironmentOrAll() throws Exception {
    pipeline("parityReconcile(all: true, restore: true, parallel: 3)");
    assertThat(scriptsRun())
        .containsExactly("'./parity' 'reconcile' '--all' '--restore' '--parallel' '3'");
    assertThatThrownBy(() -> pipeline("parityReconcile(restore: true)"))
        .hasMessageContaining("give either env or all: true");
  }

  @Test
  void rolloutAsksOnceThenRunsWithAutoApprove() throws Exception {
    pipeline(
        "parityRollout(service: 'postgresql', to: '16.4', envs: 'dev,qa,staging,prod', resume: true)");
    assertThat(inputs).hasSize(1);
    assertThat(scriptsRun())
        .containsExactly(
            "'./parity' 'rollout' '--service' 'postgresql' '--to' '16.4' "
                + "'--envs' 'dev,qa,staging,prod' '--resume' '--auto-approve'");
  }

  @Test
  void badArgumentsFailWithAClearError() {
    assertThatThrownBy(() -> pipeline("parityPlan(environment: 'prod')"))
        .hasMessageContaining("parityPlan: unknown argument(s) [environment]");
    assertThatThrownBy(() -> pipeline("parityPlan()"))
        .hasMessageContaining("parityPlan: missing argument(s) [env]");
    assertThatThrownBy(() -> pipeline("parityPlan(env: '../prod')"))
        .hasMessageContaining("parityPlan: env must be an environment name");
    assertThat(shCalls).isEmpty();
  }

  @Test
  void aFailingRunFailsTheBuildWithParitysOwnMessage() {
    shell =
        s -> {
          files.put(
              ".parity/jenkins-error.txt", "environment prod is locked by another parity run\n");
          return 1;
        };
    assertThatThrownBy(() -> pipeline("parityPlan(env: 'prod')"))
        .hasMessage(
            "parity plan failed (exit 1): environment prod is locked by another parity run");
  }

  @Test
  void hostileValuesAreQuotedAndSecretsNeverReachAScript() throws Exception {
    String secret = "s3cr3t-canary";
    credentialValues.put("db", secret);
    pipeline(
        "parityConfigure(env: 'qa', limit: \"'; rm -rf / #\", credentials: [[id: 'db', variable: "
            + "'SHOP_DB_PASSWORD']])\nparityRollout(service: 'postgresql', to: '$(id)')");
    assertThat(scriptsRun())
        .contains(
            "'./parity' 'configure' '--env' 'qa' '--limit' ''\\''; rm -rf / #'",
            "'./parity' 'rollout' '--service' 'postgresql' '--to' '$(id)' '--auto-approve'");
    assertThat(scriptsRun())
        .allSatisfy(s -> assertThat(s).doesNotContain(secret).doesNotContain("SHOP_DB_PASSWORD"));
    int configure =
        scriptsRun().indexOf("'./parity' 'configure' '--env' 'qa' '--limit' ''\\''; rm -rf / #'");
    assertThat(shEnvironments.get(configure))
        .as("the credential reaches the CLI as the variable the variable set references")
        .containsEntry("SHOP_DB_PASSWORD", secret)
        .containsKey("PARITY_ERROR_FILE");
    assertThat(shEnvironments.get(shEnvironments.size() - 1))
        .as("a step without credentials gets none")
        .doesNotContainKey("SHOP_DB_PASSWORD");
    assertThat(pipelineEnv()).as("bound for the step only").doesNotContainKey("SHOP_DB_PASSWORD");
  }

  @Test
  void anUnknownCredentialFailsTheStepBeforeAnythingRuns() {
    assertThatThrownBy(
            () ->
                pipeline("parityConfigure(env: 'qa', credentials: [[id: 'nope', variable: 'X']])"))
        .hasMessageContaining("Could not find credentials entry with ID 'nope'");
    assertThat(scriptsRun()).noneMatch(s -> s.contains("'configure'"));
  }

  @Test
  void theStepsCheckEnvironmentNamesWithTheCliPattern() throws Exception {
    String helper = Files.readString(LIBRARY.resolve("vars/parityCli.groovy"));
    assertThat(helper).contains("==~ /" + Names.NAME.pattern() + "/");
  }

  static Path examples() {
    return LIBRARY.resolve("examples");
  }
}
