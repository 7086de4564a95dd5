package dev.parity.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.Closure;
import java.nio.file.Files;
import java.util.ArrayList;
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
    allowExampleJobSteps();
  }

  private static final String PREPARE = "'./parity' '--version'";

  /** The CLI runs other than parityPrepare's, in order. */
  private List<String> cliRuns() {
    return scriptsRun().stream().filter(s -> !s.equals(PREPARE)).toList();
  }

  @Test
  void everyNodeOfEveryExamplePreparesTheCliFirstWithNoCredentialBound() throws Exception {
    try (var files = Files.list(ParityStepsTest.examples())) {
      for (var file : files.toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).strip().equals("checkout scm")) {
            assertThat(lines.get(i + 1).strip())
                .as(file.getFileName() + ":" + (i + 2))
                .startsWith("parityPrepare()");
          }
        }
      }
    }
  }

  /** The CLI as the rollout job meets it: --plan writes the change set (exit 2), the rest pass. */
  private java.util.function.Function<String, Object> rolloutPlanned(String sha) {
    return s -> {
      if (s.contains("'--plan'")) {
        files.put(".parity/rollouts/postgresql/change-set.json", "{\"sha256\":\"" + sha + "\"}");
        files.put(".parity/rollouts/postgresql/change-set.txt", "prod: postgresql 16.2 -> 16.4");
        return 2;
      }
      return 0;
    };
  }

  private Object example(String name, Map<String, Object> params) throws Exception {
    getBinding().setVariable("params", new java.util.HashMap<>(params));
    String text = Files.readString(ParityStepsTest.examples().resolve(name));
    return pipeline(text.replaceFirst("@Library\\('parity@[^']+'\\) _", ""));
  }

  @Test
  void theDeployPipelineAsksOutsideAnyNodeAndDeploysOnlyTheApprovedChangeSetUnderItsLock()
      throws Exception {
    String sha = "a".repeat(64);
    shell =
        s ->
            s.contains("'validate'")
                ? protectedAnswer(s, List.of("prod"))
                : s.contains("'plan'") ? 2 : 0;
    register(
        "readFile",
        String.class,
        f ->
            f.endsWith(".json")
                ? "{\"sha256\":\"" + sha + "\"}"
                : "prod-db-0 postgresql 16.2 -> 16.4\n");
    register("fileExists", String.class, f -> true);
    List<Boolean> inNode = new ArrayList<>();
    List<Boolean> lockInNode = new ArrayList<>();
    boolean[] nodeHeld = {false};
    getHelper()
        .registerAllowedMethod(
            "node",
            List.of(Closure.class),
            new Closure<Object>(this) {
              public Object doCall(Closure<?> body) {
                nodeHeld[0] = true;
                try {
                  return body.call();
                } finally {
                  nodeHeld[0] = false;
                }
              }
            });
    register(
        "input",
        Map.class,
        args -> {
          inNode.add(nodeHeld[0]);
          inputs.add(args);
          return "alice";
        });
    getHelper()
        .registerAllowedMethod(
            "lock",
            List.of(Map.class, Closure.class),
            new Closure<Object>(this) {
              public Object doCall(Map<?, ?> args, Closure<?> body) {
                lockInNode.add(nodeHeld[0]);
                controls.add("lock " + args.get("resource"));
                return body.call();
              }
            });
    credentialValues.put("shop-db-password", "from-the-credentials-store");
    credentialValues.put("parity-store-url", "postgres://parity:store-secret@db/parity");
    example("Jenkinsfile.deploy", Map.of("ENVIRONMENTS", "dev,staging,prod"));
    assertThat(cliRuns())
        .contains(
            "'./parity' 'check'",
            "'./parity' 'deploy' '--env' 'dev'",
            "'./parity' 'deploy' '--env' 'staging'",
            "'./parity' 'deploy' '--env' 'prod' '--approved' '"
                + sha
                + "' '--approved-by' 'alice'");
    assertThat(inputs)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.get("message").toString())
                  .startsWith("Apply this change set to prod?")
                  .contains("prod-db-0 postgresql 16.2 -> 16.4")
                  .contains(sha);
              assertThat(i.get("submitter")).isEqualTo("release-managers");
            });
    assertThat(inNode).as("approval holds no executor").containsExactly(false);
    assertThat(lockInNode).as("waiting for a lock holds no executor").containsOnly(false);
    assertThat(controls)
        .containsSubsequence("milestone plan prod", "timeout 60 MINUTES", "milestone approved prod")
        .contains("lock parity-shop-dev", "lock parity-shop-staging", "lock parity-shop-prod");
    assertThat(buildDescription()).isEqualTo("prod: change set aaaaaaaaaaaa approved by alice");
    assertThat(jobProperties)
        .contains("disableConcurrentBuilds", "buildDiscarder(logRotator({numToKeepStr=50}))");
    assertThat(junits).hasSize(3);
    for (int i = 0; i < shCalls.size(); i++) {
      if (scriptsRun().get(i).equals(PREPARE)) {
        assertThat(shEnvironments.get(i))
            .as("preparing binds no credential")
            .doesNotContainKeys("SHOP_DB_PASSWORD", "PARITY_STORE_URL");
        continue;
      }
      assertThat(shEnvironments.get(i))
          .as("every parity call, the protected probe included, runs inside the credentials")
          .containsEntry("SHOP_DB_PASSWORD", "from-the-credentials-store")
          .containsEntry("PARITY_STORE_URL", "postgres://parity:store-secret@db/parity");
    }
  }

  @Test
  void theNightlyReconciliationRepairsUnprotectedEnvironmentsAndReportsProduction()
      throws Exception {
    example("Jenkinsfile.reconcile", Map.of());
    assertThat(cliRuns())
        .containsExactly(
            "'./parity' 'reconcile' '--env' 'prod'",
            "'./parity' 'reconcile' '--env' 'dev' '--restore'",
            "'./parity' 'reconcile' '--env' 'qa' '--restore'",
            "'./parity' 'reconcile' '--env' 'staging' '--restore'");
    assertThat(currentBuild().get("result")).as("all in parity").isNull();
    assertThat(buildDescription())
        .isEqualTo("dev: in parity; qa: in parity; staging: in parity; prod: in parity");
    assertThat(jobProperties)
        .containsExactly(
            "disableConcurrentBuilds",
            "buildDiscarder(logRotator({numToKeepStr=30}))",
            "pipelineTriggers([cron(H 2 * * *)])");
  }

  @Test
  void theNightlyReconciliationReconcilesEveryEnvironmentWhenOneErrorsAndFails() throws Exception {
    shell =
        s -> {
          if (s.contains("'qa'")) {
            files.put(".parity/jenkins-error.txt", "qa: the plan failed: provider timeout");
            return 1;
          }
          return s.contains("'prod'") ? 2 : 0;
        };
    example("Jenkinsfile.reconcile", Map.of());
    assertThat(cliRuns()).as("every environment, the one after the error too").hasSize(4);
    assertThat(currentBuild().get("result")).isEqualTo("FAILURE");
    assertThat(buildDescription())
        .isEqualTo(
            "dev: in parity; qa: errored: qa: the plan failed: provider timeout; staging: in"
                + " parity; prod: drift left");
  }

  @Test
  void theNightlyReconciliationIsUnstableWhenDriftIsLeft() throws Exception {
    shell = s -> s.contains("'prod'") ? 2 : 0;
    example("Jenkinsfile.reconcile", Map.of());
    assertThat(currentBuild().get("result")).isEqualTo("UNSTABLE");
    assertThat(unstables).singleElement().asString().contains("prod: drift left");
  }

  @Test
  void anExpiredTimeoutEndsTheNightlyJobAndRunsNothingAfterIt() throws Exception {
    expireTimeouts = true;
    assertThatThrownBy(() -> example("Jenkinsfile.reconcile", Map.of()))
        .isInstanceOf(Interrupted.class)
        .hasMessage("Timeout has been exceeded");
    assertThat(shCalls).as("the interrupted call only").hasSize(1);
    assertThat(scriptsRun()).as("preparing came first").containsExactly(PREPARE);
  }

  @Test
  void theRolloutPipelineApprovesItsChangeSetThenRollsOutUnderEveryLock() throws Exception {
    credentialValues.put("git-push", "ci-bot:push-token");
    String sha = "9".repeat(64);
    shell = rolloutPlanned(sha);
    approver = "carol";
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
    assertThat(cliRuns())
        .containsExactly(
            "'./parity' 'rollout' '--service' 'postgresql' '--to' '16.4' '--envs' "
                + "'dev,qa,staging,prod' '--plan'",
            "'./parity' 'rollout' '--service' 'postgresql' '--to' '16.4' '--envs' "
                + "'dev,qa,staging,prod' '--push' 'main' '--approved' '"
                + sha
                + "' '--approved-by' 'carol'",
            "'./parity' 'check'");
    assertThat(inputs)
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.get("message").toString())
                    .contains("the rollout of postgresql 16.4")
                    .contains("prod: postgresql 16.2 -> 16.4"));
    assertThat(controls)
        .containsSubsequence(
            "milestone plan the rollout of postgresql 16.4",
            "timeout 60 MINUTES",
            "milestone approved the rollout of postgresql 16.4",
            "lock [parity-shop-dev, parity-shop-prod, parity-shop-qa, parity-shop-staging]");
    assertThat(jobProperties)
        .contains("disableConcurrentBuilds", "buildDiscarder(logRotator({numToKeepStr=30}))");
  }

  @Test
  void anAbortedApprovalEndsTheRolloutBeforeAnythingChanges() throws Exception {
    shell = rolloutPlanned("9".repeat(64));
    abortInput = true;
    assertThatThrownBy(
            () ->
                example(
                    "Jenkinsfile.rollout",
                    Map.of(
                        "SERVICE",
                        "postgresql",
                        "VERSION",
                        "16.4",
                        "ENVIRONMENTS",
                        "dev,prod",
                        "RESUME",
                        false)))
        .isInstanceOf(Interrupted.class);
    assertThat(cliRuns())
        .as("the plan only: no rollout, no push, no check")
        .singleElement()
        .asString()
        .contains("'--plan'");
    assertThat(controls).noneMatch(c -> c.startsWith("lock"));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"Jenkinsfile.deploy", "Jenkinsfile.reconcile", "Jenkinsfile.rollout"})
  void eachExampleBuildsTheCliOnceOutsideEveryLockAndCopiesItUnderOne(String name)
      throws Exception {
    shell = rolloutPlanned("9".repeat(64));
    credentialValues.put("git-push", "parity-bot:push-token");
    example(
        name,
        Map.of(
            "SERVICE", "postgresql",
            "VERSION", "16.4",
            "ENVIRONMENTS", "dev,prod",
            "RESUME", false));
    assertThat(timeline)
        .as("one build of the CLI, stashed outside every lock")
        .filteredOn(e -> e.startsWith("stash "))
        .containsExactly("stash parity-cli");
    String prepareLocked = "sh " + PREPARE + " [locked]";
    assertThat(timeline).as("a prepare under a lock").contains(prepareLocked);
    for (int i = 0; i < timeline.size(); i++) {
      if (timeline.get(i).equals(prepareLocked)) {
        assertThat(timeline.get(i - 1))
            .as("under a lock, prepare copies the stashed CLI (entry " + i + ")")
            .isEqualTo("unstash parity-cli [locked]");
      }
    }
  }

  @Test
  void everyExampleLoadsTheLibraryAtATagOrACommitNeverABranch() throws Exception {
    try (var files = Files.list(ParityStepsTest.examples())) {
      for (var file : files.toList()) {
        String text = Files.readString(file);
        assertThat(text)
            .as(file.getFileName().toString())
            .containsPattern("@Library\\('parity@(v\\d+\\.\\d+\\.\\d+|[0-9a-f]{40})'\\) _")
            .doesNotContain("@Library('parity') _");
      }
    }
  }
}
