package dev.parity.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.LocalStack;
import dev.parity.support.ParityCli;
import dev.parity.support.ParityHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The example deploy Jenkinsfile with sh bound to the real shell, running the real CLI on the
 * bundled local stack.
 */
@Tag("integration")
class JenkinsfileIntegrationTest extends PipelineTestSupport {
  private ParityHome home;
  private LocalStack stack;

  @Override
  @BeforeEach
  public void setUp() throws Exception {
    super.setUp();
    allowExampleJobSteps();
    home = ParityHome.copyOfRepository();
    Map<String, String> env = home.env(Map.of());
    stack = new LocalStack(home, env);
    Path launcher = home.root().resolve("parity");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec \""
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "\" -jar \""
            + ParityCli.JAR
            + "\" \"$@\"\n");
    launcher.toFile().setExecutable(true);
    realShell(home.root(), env);
  }

  @AfterEach
  void takeDown() throws Exception {
    stack.downAll();
    assertThat(stack.processes()).isEmpty();
    home.close();
  }

  @Test
  void theDeployJenkinsfileDeploysTheLocalEnvironmentThroughTheRealCli() throws Exception {
    getBinding().setVariable("params", new HashMap<>(Map.of("ENVIRONMENTS", "local")));
    // The README's Jenkins setup: the password is a { env: ... } secret, bound by the example's
    // withCredentials; the real CLI reads it from there (and from nowhere else).
    home.write(
        "vars/common.yml",
        Files.readString(home.vars().resolve("common.yml"))
            .replace("db_password: { generate: true }", "db_password: { env: SHOP_DB_PASSWORD }"));
    String password = "from-jenkins-" + java.util.UUID.randomUUID();
    credentialValues.put("shop-db-password", password);
    credentialValues.put(
        "parity-store-url", "unused: the bundled sets keep records in the work dir");
    String jenkinsfile = Files.readString(ParityStepsTest.examples().resolve("Jenkinsfile.deploy"));
    pipeline(jenkinsfile.replaceFirst("@Library\\('parity@[^']+'\\) _", ""));
    assertThat(scriptsRun()).contains("'./parity' 'check'", "'./parity' 'deploy' '--env' 'local'");
    assertThat(junits)
        .singleElement()
        .satisfies(
            j -> assertThat(home.root().resolve(String.valueOf(j.get("testResults")))).exists());
    assertThat(stack.processes("local")).isNotEmpty();
    assertThat(stack.parity("assert", "--env", "local").exit())
        .as("without the credential, assert cannot log in: it says which secret is missing")
        .isEqualTo(1);
    Map<String, String> bound = new HashMap<>(home.env(Map.of("SHOP_DB_PASSWORD", password)));
    assertThat(new LocalStack(home, bound).parity("assert", "--env", "local").exit()).isZero();
  }
}
