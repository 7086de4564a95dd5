package dev.parity.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one table of step x exit code -> build result (README, "Build results"): 0 SUCCESS; 2
 * UNSTABLE where it is a finding (check, assert, reconcile, configure in check mode), SUCCESS where
 * it says changes are pending (plan), FAILURE where the step was to change something and did not
 * end in parity (deploy, apply, configure, rollout); any other code FAILURE.
 */
class BuildResultsTest extends PipelineTestSupport {

  @Override
  @BeforeEach
  public void setUp() throws Exception {
    super.setUp();
  }

  @ParameterizedTest(name = "{0} exit {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "parityCheck()                                  | 0 | SUCCESS",
        "parityCheck()                                  | 2 | UNSTABLE",
        "parityCheck()                                  | 1 | FAILURE",
        "parityAssert(env: 'qa')                        | 0 | SUCCESS",
        "parityAssert(env: 'qa')                        | 2 | UNSTABLE",
        "parityAssert(env: 'qa')                        | 1 | FAILURE",
        "parityReconcile(env: 'qa')                     | 0 | SUCCESS",
        "parityReconcile(env: 'qa')                     | 2 | UNSTABLE",
        "parityReconcile(env: 'qa')                     | 1 | FAILURE",
        "parityReconcile(env: 'qa', keepGoing: true)    | 1 | FAILURE",
        "parityConfigure(env: 'qa', check: true)        | 0 | SUCCESS",
        "parityConfigure(env: 'qa', check: true)        | 2 | UNSTABLE",
        "parityConfigure(env: 'qa')                     | 2 | FAILURE",
        "parityPlan(env: 'qa')                          | 0 | SUCCESS",
        "parityPlan(env: 'qa')                          | 2 | SUCCESS",
        "parityPlan(env: 'qa')                          | 1 | FAILURE",
        "parityDeploy(env: 'qa')                        | 0 | SUCCESS",
        "parityDeploy(env: 'qa')                        | 2 | FAILURE",
        "parityDeploy(env: 'qa')                        | 1 | FAILURE",
        "parityApply(env: 'qa')                         | 2 | FAILURE",
        "parityDoctor()                                 | 1 | FAILURE",
        "parityRollout(service: 'postgresql', to: '16.4', envs: 'qa') | 2 | FAILURE",
      })
  void eachStepMapsEachExitCodeToOneBuildResult(String call, int exit, String result)
      throws Exception {
    shell = s -> s.contains("'validate'") ? protectedAnswer(s, List.of()) : exit;
    assertThat(resultOf(call)).isEqualTo(result);
    if (result.equals("UNSTABLE")) {
      assertThat(unstables)
          .singleElement()
          .asString()
          .startsWith(call.substring(0, call.indexOf('(')));
    }
  }

  @Test
  void aStepWithKeepGoingThatErrorsLetsTheJobGoOnAndSaysWhy() throws Exception {
    shell =
        s -> {
          if (s.contains("'dev'")) {
            files.put(".parity/jenkins-error.txt", "dev-db-0 is unreachable over SSH\n");
            return 1;
          }
          return s.contains("'qa'") ? 2 : 0;
        };
    String result =
        resultOf(
            "List v = []\n"
                + "for (String e : ['dev', 'qa', 'staging']) {\n"
                + "  v.add(e + ': ' + parityReconcile(env: e, keepGoing: true).verdict)\n"
                + "}\n"
                + "currentBuild.description = v.join('; ')");
    assertThat(result).isEqualTo("FAILURE");
    assertThat(scriptsRun()).hasSize(3);
    assertThat(buildDescription())
        .isEqualTo(
            "dev: errored: dev-db-0 is unreachable over SSH; qa: drift left; staging: in parity");
  }
}
