package dev.parity.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.text.Names;
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
              "parityApprove",
              "parityAssert",
              "parityCheck",
              "parityCli",
              "parityConfigure",
              "parityDeploy",
              "parityDoctor",
              "parityLock",
              "parityPlan",
              "parityPrepare",
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

  /**
   * JenkinsPipelineUnit 1.1 runs the steps as plain Groovy, so it cannot show that they survive
   * Jenkins' CPS transformation; closures handed to collection methods (each, collect, findAll...)
   * are what breaks there. The steps and examples use plain loops, and this keeps it so.
   */
  @Test
  void theStepsAndExamplesUseNoClosureTakingCollectionMethods() throws IOException {
    java.util.regex.Pattern closureMethod =
        java.util.regex.Pattern.compile(
            "\\.(each|eachWithIndex|collect|collectEntries|collectMany|findAll|find|findResult"
                + "|every|any|inject|sort|unique|grep|count|sum|max|min|groupBy|toSorted)\\s*[({]\\s*"
                + "(\\{|[a-zA-Z_]+\\s*->)|\\.(each|collect|findAll|find|every|any|sort|unique|count)"
                + "\\s*\\{");
    List<Path> sources = new java.util.ArrayList<>();
    try (var files = Files.list(LIBRARY.resolve("vars"))) {
      files.filter(p -> p.toString().endsWith(".groovy")).forEach(sources::add);
    }
    try (var files = Files.list(examples())) {
      files.forEach(sources::add);
    }
    assertThat(sources).hasSizeGreaterThan(10);
    for (Path source : sources) {
      List<String> lines = Files.readAllLines(source);
      for (int i = 0; i < lines.size(); i++) {
        assertThat(closureMethod.matcher(lines.get(i)).find())
            .as(source.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip())
            .isFalse();
      }
    }
  }

  /**
   * Jenkins shows vars/STEP.txt in its Global Variable Reference: every step has one, and it names
   * every key the step accepts (what requireArgs lets through, and the keys every step takes).
   */
  @Test
  void everyStepHasHelpNamingEachKeyItAccepts() throws IOException {
    java.util.regex.Pattern require =
        java.util.regex.Pattern.compile(
            "requireArgs\\('(\\w+)', args, \\[([^\\]]*)\\], \\[([^\\]]*)\\]\\)");
    try (var files = Files.list(LIBRARY.resolve("vars"))) {
      for (Path groovy : files.filter(p -> p.toString().endsWith(".groovy")).toList()) {
        String step = groovy.getFileName().toString().replace(".groovy", "");
        Path help = groovy.resolveSibling(step + ".txt");
        assertThat(help).as(step + " has help").exists();
        if (step.equals("parityCli") || step.equals("parityPrepare")) {
          continue; // the helper, and the one step that takes no arguments (tested below)
        }
        java.util.regex.Matcher m =
            require.matcher(Files.readString(groovy).replaceAll("\\s*\\n\\s*", " "));
        assertThat(m.find()).as(step + " declares its keys with requireArgs").isTrue();
        List<String> keys = new java.util.ArrayList<>(List.of("vars", "workDir", "credentials"));
        for (String list : List.of(m.group(2), m.group(3))) {
          for (String key : list.split(",")) {
            if (!key.isBlank()) {
              keys.add(key.strip().replace("'", ""));
            }
          }
        }
        String text = Files.readString(help);
        for (String key : keys) {
          assertThat(text).as(step + ".txt names " + key).contains("<code>" + key + "</code>");
        }
      }
    }
  }

  @Test
  void prepareRunsTheCliWithNoCredentialAndEveryRunNamesTheLibrarysVersion() throws Exception {
    Object result = pipeline("return parityPrepare()");
    assertThat(scriptsRun()).containsExactly("'./parity' '--version'");
    assertThat(shEnvironments.get(0))
        .containsEntry("PARITY_LIBRARY_VERSION", projectVersion())
        .doesNotContainKey("SHOP_DB_PASSWORD");
    assertThat(result).isEqualTo(Map.of("version", projectVersion(), "copied", false));
    assertThatThrownBy(() -> pipeline("parityPrepare(credentials: [])"))
        .hasMessageContaining("parityPrepare takes no arguments");
  }

  @Test
  void theJenkinsLibraryRootHoldsNoTestSources() throws IOException {
    assertThat(LIBRARY.resolve("src/test")).doesNotExist();
    try (var walk = Files.walk(LIBRARY)) {
      assertThat(
              walk.filter(p -> !LIBRARY.relativize(p).startsWith("target"))
                  .map(p -> LIBRARY.relativize(p).toString())
                  .filter(p -> p.endsWith("Test.java") || p.endsWith("Test.groovy")))
          .as("Jenkins copies the library root into every build")
          .isEmpty();
    }
  }

  @Test
  void theFirstPrepareOfABuildStashesTheCliAndEveryLaterOneCopiesItInsteadOfBuilding()
      throws Exception {
    Object result = pipeline("parityPrepare(); return parityPrepare()");
    assertThat(timeline)
        .containsExactly(
            "sh './parity' '--version'",
            "stash parity-cli",
            "unstash parity-cli",
            "sh './parity' '--version'");
    assertThat(result).isEqualTo(Map.of("version", projectVersion(), "copied", true));
  }

  @Test
  void aCliInstalledOutsideTheWorkspaceIsNeitherStashedNorCopied() throws Exception {
    pipelineEnv().put("PARITY_LAUNCHER", "/opt/parity/parity");
    pipeline("parityPrepare(); parityPrepare()");
    assertThat(timeline)
        .containsExactly(
            "sh '/opt/parity/parity' '--version'", "sh '/opt/parity/parity' '--version'");
  }

  @Test
  void aStepGivenALabelRunsOnSuchAnAgentInAFreshCheckoutWithTheCliPrepared() throws Exception {
    Object result = pipeline("return parityCheck(label: 'linux && parity')");
    assertThat(timeline)
        .containsExactly(
            "node linux && parity",
            "checkout",
            "sh './parity' '--version'",
            "stash parity-cli",
            "sh './parity' 'check'");
    assertThat(result).isEqualTo(Map.of("exitCode", 0, "inParity", true));
    assertThatThrownBy(() -> pipeline("parityCheck(label: 42)"))
        .hasMessageContaining("parityCheck: label must be an agent label expression");
    assertThatThrownBy(() -> pipeline("parityCheck(label: 'a\\nb')"))
        .hasMessageContaining("parityCheck: label must be an agent label expression");
    assertThatThrownBy(() -> pipeline("parityApprove(plan: [:], subject: 'x', label: 'linux')"))
        .as("approval runs outside any agent: it takes no label")
        .hasMessageContaining("parityApprove: unknown argument(s) [label]");
  }

  @Test
  void aLockGivenALabelTakesTheAgentOnlyOnceTheLocksAreHeldAndBuildsNothingUnderThem()
      throws Exception {
    pipeline(
        "node { checkout scm; parityPrepare() }\n"
            + "parityLock(project: 'shop', envs: ['prod', 'dev'], label: 'linux') {"
            + " parityDeploy(env: 'dev') }");
    assertThat(timeline)
        .containsExactly(
            "node",
            "checkout",
            "sh './parity' '--version'",
            "stash parity-cli",
            "node linux [locked]",
            "checkout [locked]",
            "unstash parity-cli [locked]",
            "sh './parity' '--version' [locked]",
            "sh './parity' 'deploy' '--env' 'dev' [locked]");
  }

  /** The project's version, from the root pom: what the steps must say they are. */
  static String projectVersion() throws IOException {
    String pom = Files.readString(LIBRARY.resolve("..").resolve("pom.xml"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "<artifactId>parity-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(m.find()).as("the root pom's version").isTrue();
    return m.group(1);
  }

  @Test
  void onlyTheApprovalTakesATimeoutAndItMustBeMinutes() {
    assertThatThrownBy(() -> pipeline("parityDeploy(env: 'qa', timeoutMinutes: 5)"))
        .hasMessageContaining("parityDeploy: unknown argument(s) [timeoutMinutes]");
    assertThatThrownBy(
            () ->
                pipeline(
                    "parityApprove(env: 'prod', plan: [sha256: '"
                        + "a".repeat(64)
                        + "'], timeoutMinutes: 'soon')"))
        .hasMessageContaining("timeoutMinutes must be a whole number of minutes");
    assertThat(shCalls).isEmpty();
  }

  @Test
  void planReturnsTheChangeSetAndItsSha256AndArchivesThem() throws Exception {
    String sha = "a".repeat(64);
    shell =
        s -> {
          files.put(".parity/prod/plan/change-set.json", "{\"sha256\":\"" + sha + "\"}");
          files.put(".parity/prod/plan/change-set.txt", "prod-db-0 postgresql 16.2 -> 16.4\n");
          return 2;
        };
    Object result = pipeline("return parityPlan(env: 'prod', vars: 'vars')");
    assertThat(scriptsRun()).containsExactly("'./parity' 'plan' '--env' 'prod' '--vars' 'vars'");
    assertThat(result)
        .isEqualTo(
            Map.of(
                "exitCode",
                2,
                "changes",
                true,
                "changeSet",
                "prod-db-0 postgresql 16.2 -> 16.4\n",
                "sha256",
                sha,
                "summary",
                "prod-db-0 postgresql 16.2 -> 16.4\n",
                "planSha256",
                sha));
    assertThat(archives)
        .singleElement()
        .satisfies(
            a -> assertThat(a.get("artifacts")).hasToString(".parity/prod/plan/change-set.*"));
  }

  @Test
  void planOfADestroyAndOfARolloutForwardTheirArguments() throws Exception {
    shell = s -> 2;
    pipeline("parityPlan(env: 'prod', destroy: true)");
    pipeline("parityPlan(service: 'postgresql', to: '16.4', envs: 'dev,prod')");
    assertThat(scriptsRun())
        .containsExactly(
            "'./parity' 'plan' '--env' 'prod' '--destroy'",
            "'./parity' 'rollout' '--service' 'postgresql' '--to' '16.4' '--envs' 'dev,prod'"
                + " '--plan'");
    assertThatThrownBy(() -> pipeline("parityPlan(env: 'prod', service: 'postgresql')"))
        .hasMessageContaining("give either env, or service, to and envs");
  }

  @Test
  void checkReturnsWhetherTheEnvironmentsAreInParity() throws Exception {
    shell = s -> 0;
    assertThat(pipeline("return parityCheck()")).isEqualTo(Map.of("exitCode", 0, "inParity", true));
    assertThat(scriptsRun()).containsExactly("'./parity' 'check'");
  }

  @Test
  void applyForwardsTheApprovalAndTakesOnlyRealBooleans() throws Exception {
    pipeline(
        "parityApply(env: 'prod', allowDestroy: 'true', approval: [sha256: '"
            + "d".repeat(64)
            + "', approvedBy: 'alice'])");
    assertThat(scriptsRun())
        .containsExactly(
            "'./parity' 'apply' '--env' 'prod' '--allow-destroy' '--approved' '"
                + "d".repeat(64)
                + "' '--approved-by' 'alice'");
    assertThat(controls).as("the lock is parityLock's, outside node").isEmpty();
    pipeline("parityApply(env: 'dev', allowDestroy: 'false')");
    assertThat(scriptsRun()).last().isEqualTo("'./parity' 'apply' '--env' 'dev'");
    for (String spelling : List.of("'yes'", "'False'", "1", "'on'")) {
      assertThatThrownBy(() -> pipeline("parityApply(env: 'dev', allowDestroy: " + spelling + ")"))
          .as(spelling)
          .hasMessageContaining("parityApply: allowDestroy must be true or false");
    }
  }

  @Test
  void theProtectedFlagIsReadFromJsonInsideTheCredentialsAndAnUnclearAnswerRefuses()
      throws Exception {
    credentialValues.put("store", "postgres://u:store-canary@db/p");
    shell = s -> s.contains("'validate'") ? protectedAnswer(s, List.of("prod")) : 0;
    Object answer =
        pipeline(
            "return parityCli.isProtected(env: 'prod', credentials: [[id: 'store', variable:"
                + " 'PARITY_STORE_URL']])");
    assertThat(answer).isEqualTo(true);
    assertThat(scriptsRun())
        .containsExactly("'./parity' 'validate' '--env' 'prod' '--format' 'json'");
    assertThat(shEnvironments.get(0))
        .containsEntry("PARITY_STORE_URL", "postgres://u:store-canary@db/p");
    shell = s -> "prod: protected: true\n{}";
    assertThatThrownBy(() -> pipeline("parityCli.isProtected(env: 'prod')"))
        .isInstanceOf(Exception.class);
    shell = s -> "{\"environments\":{\"prod\":{\"protected\":\"yes\"}}}";
    assertThatThrownBy(() -> pipeline("parityCli.isProtected(env: 'prod')"))
        .hasMessageContaining("refusing to guess");
  }

  @Test
  void deployPublishesJUnitAndArchivesTheReportsEvenWhenItFails() throws Exception {
    shell =
        s -> {
          files.put(".parity/jenkins-error.txt", "2 assertion(s) failed");
          return 2;
        };
    assertThatThrownBy(
            () -> pipeline("parityDeploy(env: 'prod', approvedPlan: '" + "b".repeat(64) + "')"))
        .hasMessageContaining("parity deploy failed (exit 2)");
    assertThat(scriptsRun())
        .containsExactly(
            "'./parity' 'deploy' '--env' 'prod' '--approved' '" + "b".repeat(64) + "'");
    assertThat(junits)
        .singleElement()
        .satisfies(
            j -> assertThat(j.get("testResults")).hasToString(".parity/reports/prod/junit.xml"));
    assertThat(archives).isNotEmpty();
    assertThat(controls).isEmpty();
    assertThatThrownBy(() -> pipeline("parityDeploy(env: 'prod', approvedPlan: 'x; rm -rf /')"))
        .hasMessageContaining("the approved sha256 must be the one parityApprove returned");
    assertThatThrownBy(() -> pipeline("parityDeploy(env: 'prod', approval: [by: 'x'])"))
        .hasMessageContaining("approval must be what parityApprove returned");
  }

  @Test
  void approvalShowsTheChangeSetAndRecordsWhoApprovedItBetweenTwoMilestones() throws Exception {
    approver = "alice";
    Object approval =
        pipeline(
            "return parityApprove(env: 'prod', plan: [changeSet: 'prod-db-0 postgresql 16.2 ->"
                + " 16.4', sha256: '"
                + "c".repeat(64)
                + "'], submitter: 'ops', timeoutMinutes: 15)");
    assertThat(approval)
        .isEqualTo(Map.of("sha256", "c".repeat(64), "approvedBy", "alice", "env", "prod"));
    assertThat(inputs)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.get("message").toString())
                  .contains("prod")
                  .contains("prod-db-0 postgresql 16.2 -> 16.4")
                  .contains("c".repeat(64));
              assertThat(i.get("submitter")).isEqualTo("ops");
              assertThat(i.get("submitterParameter")).isEqualTo("APPROVER");
            });
    assertThat(controls)
        .containsExactly("milestone plan prod", "timeout 15 MINUTES", "milestone approved prod");
    assertThat(buildDescription()).isEqualTo("prod: change set cccccccccccc approved by alice");
    assertThatThrownBy(() -> pipeline("parityApprove(env: 'prod', plan: [:])"))
        .hasMessageContaining("it has no change set sha256");
    assertThatThrownBy(() -> pipeline("parityApprove(plan: [sha256: 'x'])"))
        .hasMessageContaining("give either env or subject");
  }

  @Test
  void anApprovedChangeSetReachesTheCliWithWhoApprovedIt() throws Exception {
    approver = "bob";
    pipeline(
        "def a = parityApprove(env: 'prod', plan: [sha256: '"
            + "e".repeat(64)
            + "'])\nparityDeploy(env: 'prod', approval: a)\n"
            + "parityReconcile(env: 'prod', restore: true, approval: a)");
    assertThat(scriptsRun())
        .containsExactly(
            "'./parity' 'deploy' '--env' 'prod' '--approved' '"
                + "e".repeat(64)
                + "' '--approved-by' 'bob'",
            "'./parity' 'reconcile' '--env' 'prod' '--restore' '--approved' '"
                + "e".repeat(64)
                + "' '--approved-by' 'bob'");
    assertThatThrownBy(
            () ->
                pipeline(
                    "parityReconcile(all: true, restore: true, approval: [sha256: '"
                        + "e".repeat(64)
                        + "'])"))
        .hasMessageContaining("approval is for one environment's repair");
  }

  @Test
  void theLockIsNamedAfterTheProjectAndEveryEnvironmentInAFixedOrder() throws Exception {
    pipeline("parityLock(project: 'shop', envs: ['staging', 'dev']) { echo('inside') }");
    pipeline("parityLock(project: 'shop', envs: 'prod') { echo('inside') }");
    assertThat(controls)
        .containsExactly(
            "lock [parity-shop-dev, parity-shop-staging]",
            "unlock [parity-shop-dev, parity-shop-staging]",
            "lock [parity-shop-prod]",
            "unlock [parity-shop-prod]");
    assertThatThrownBy(() -> pipeline("parityLock(project: 'Shop Inc', envs: ['prod']) { }"))
        .hasMessageContaining("project must be");
    assertThatThrownBy(() -> pipeline("parityLock(project: 'shop', envs: ['../x']) { }"))
        .hasMessageContaining("envs must be environment names");
  }

  @Test
  void everyKindOfCredentialIsBoundForTheCommandOnly() throws Exception {
    credentialValues.put("text", "text-canary");
    credentialValues.put("kubeconfig", "file-canary");
    credentialValues.put("deploy-key", "-----BEGIN OPENSSH PRIVATE KEY-----\nkey-canary");
    credentialValues.put("registry", "robot:password-canary");
    pipeline(
        "parityCheck(credentials: [[id: 'text', variable: 'TEXT'], [type: 'file', id:"
            + " 'kubeconfig', variable: 'KUBECONFIG_FILE'], [type: 'sshUserPrivateKey', id:"
            + " 'deploy-key', variable: 'SSH_KEY_FILE'], [type: 'usernamePassword', id:"
            + " 'registry', usernameVariable: 'REG_USER', passwordVariable: 'REG_PASSWORD']])");
    Map<String, String> bound = shEnvironments.get(0);
    assertThat(bound)
        .containsEntry("TEXT", "text-canary")
        .containsEntry("REG_USER", "robot")
        .containsEntry("REG_PASSWORD", "password-canary");
    assertThat(Path.of(bound.get("KUBECONFIG_FILE"))).content().isEqualTo("file-canary");
    assertThat(Path.of(bound.get("SSH_KEY_FILE"))).content().contains("key-canary");
    assertThat(pipelineEnv()).doesNotContainKeys("TEXT", "REG_PASSWORD", "SSH_KEY_FILE");
    assertThatThrownBy(
            () -> pipeline("parityCheck(credentials: [[type: 'certificate', id: 'text']])"))
        .hasMessageContaining("credential type must be string, file, sshUserPrivateKey or");
    assertThatThrownBy(() -> pipeline("parityCheck(credentials: [[id: 'text', variable: 'a b']])"))
        .hasMessageContaining("needs variable, an environment variable name");
  }

  @Test
  void aBoundSecretValueAppearsNowhereInTheRecordedCallStack() throws Exception {
    String secret = "call-stack-canary-" + System.nanoTime();
    credentialValues.put("db", secret);
    credentialValues.put("git", "bot:" + secret + "-push");
    shell = s -> s.contains("'validate'") ? protectedAnswer(s, List.of()) : 0;
    pipeline(
        "parityDeploy(env: 'dev', credentials: [[id: 'db', variable: 'SHOP_DB_PASSWORD']])\n"
            + "parityRollout(service: 'postgresql', to: '16.4', envs: 'dev', gitCredentials: 'git',"
            + " credentials: [[id: 'db', variable: 'SHOP_DB_PASSWORD']])\n"
            + "parityReconcile(env: 'dev', restore: true, credentials: [[id: 'db', variable:"
            + " 'SHOP_DB_PASSWORD']])");
    assertThat(shEnvironments).anySatisfy(e -> assertThat(e).containsValue(secret));
    String stack =
        getHelper().getCallStack().stream()
            .map(Object::toString)
            .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(stack).contains("parityDeploy").contains("withCredentials").doesNotContain(secret);
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
  void rolloutForwardsItsApprovalNeverAutoApprovesAndHasTheCliPushWithTheGitCredential()
      throws Exception {
    credentialValues.put("git", "ci-bot:push-canary");
    shell =
        s -> {
          files.put(".parity/jenkins-error.txt", "the rollout stopped at staging");
          return 1;
        };
    assertThatThrownBy(
            () ->
                pipeline(
                    "parityRollout(service: 'postgresql', to: '16.4', envs: 'staging,dev',"
                        + " resume: true, gitCredentials: 'git', branch: 'main', approval:"
                        + " [sha256: '"
                        + "f".repeat(64)
                        + "', approvedBy: 'carol'])"))
        .hasMessage("parity rollout failed (exit 1): the rollout stopped at staging");
    assertThat(scriptsRun())
        .as("one CLI run that pushes itself: no push after it can hide the rollout's message")
        .containsExactly(
            "'./parity' 'rollout' '--service' 'postgresql' '--to' '16.4' "
                + "'--envs' 'staging,dev' '--push' 'main' '--resume' '--approved' '"
                + "f".repeat(64)
                + "' '--approved-by' 'carol'");
    assertThat(shEnvironments.get(0))
        .containsEntry("GIT_USERNAME", "ci-bot")
        .containsEntry("GIT_PASSWORD", "push-canary");
    assertThat(scriptsRun()).allSatisfy(s -> assertThat(s).doesNotContain("push-canary"));
    assertThat(controls).as("the locks are parityLock's, outside node").isEmpty();
    assertThat(inputs).as("approval is the pipeline's, outside node").isEmpty();
  }

  @Test
  void aRolloutFromAJobOfAnotherBranchIsRefusedBeforeAnythingRuns() {
    pipelineEnv().put("BRANCH_NAME", "feature-x");
    assertThatThrownBy(
            () ->
                pipeline(
                    "parityRollout(service: 'postgresql', to: '16.4', envs: 'dev', branch:"
                        + " 'main')"))
        .hasMessageContaining("this job builds feature-x, not main");
    assertThat(shCalls).isEmpty();
  }

  @Test
  void badArgumentsFailWithAClearError() {
    assertThatThrownBy(() -> pipeline("parityPlan(environment: 'prod')"))
        .hasMessageContaining("parityPlan: unknown argument(s) [environment]");
    assertThatThrownBy(() -> pipeline("parityPlan()"))
        .hasMessageContaining("parityPlan: give either env, or service, to and envs");
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
            + "'SHOP_DB_PASSWORD']])\nparityRollout(service: 'postgresql', to: '$(id)', envs:"
            + " 'dev')");
    assertThat(scriptsRun())
        .contains(
            "'./parity' 'configure' '--env' 'qa' '--limit' ''\\''; rm -rf / #'",
            "'./parity' 'rollout' '--service' 'postgresql' '--to' '$(id)' '--envs' 'dev' '--push'"
                + " 'main'");
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

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "qa",
        "qa_2-x",
        "a23456789012345678901234567890123456789012345678901234567890123",
        "Prod",
        "-x",
        "2qa",
        "a;b",
        "x$(id)",
        "a234567890123456789012345678901234567890123456789012345678901234",
        "qa\nprod"
      })
  void aStepAcceptsExactlyTheEnvironmentNamesTheCliAccepts(String name) throws Exception {
    shell = s -> 0;
    String call = "parityAssert(env: '" + name.replace("\n", "\\n") + "')";
    if (Names.NAME.matcher(name).matches()) {
      pipeline(call);
      assertThat(scriptsRun())
          .anyMatch(sh -> sh.startsWith("'./parity' 'assert' '--env' '" + name + "' "));
    } else {
      assertThatThrownBy(() -> pipeline(call))
          .hasMessageContaining("env must be an environment name");
      assertThat(scriptsRun()).isEmpty();
    }
  }

  static Path examples() {
    return LIBRARY.resolve("examples");
  }
}
