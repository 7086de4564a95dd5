package dev.parity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.support.ParityHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher deciding whether to build: a jar copied into a fresh checkout of the same
 * revision (what parityPrepare's stash does in Jenkins) runs as it is; a changed source is built.
 * Maven on PATH is wrapped so the test sees a build being started without waiting for one.
 */
@Tag("integration")
class LauncherIntegrationTest {
  private static final Path REPOSITORY = ParityHome.REPOSITORY;

  @TempDir Path checkout;
  @TempDir Path bin;

  @Test
  void aJarCopiedIntoANewerCheckoutOfTheSameSourcesRunsAndAChangedSourceIsBuilt() throws Exception {
    // the build's first prepare: the real launcher in the repository stamps the jar Maven built
    assertThat(run(REPOSITORY.resolve("parity")).code).isZero();
    Path target = REPOSITORY.resolve("pipeline-lib/target");
    assertThat(target.resolve("parity.sources")).isRegularFile();

    // a later node: a checkout of the same revision, newer than the copied jar and stamp
    for (String file :
        List.of("parity", "pom.xml", "toolchain.properties", "pipeline-lib/pom.xml")) {
      Files.createDirectories(checkout.resolve(file).getParent());
      Files.copy(
          REPOSITORY.resolve(file), checkout.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
    }
    ParityHome.copyTree(
        REPOSITORY.resolve("pipeline-lib/src/main"), checkout.resolve("pipeline-lib/src/main"));
    Path copied = Files.createDirectories(checkout.resolve("pipeline-lib/target"));
    FileTime stashed = FileTime.from(Instant.now().minusSeconds(3600));
    for (String file : List.of("parity.jar", "parity.sources")) {
      Files.copy(target.resolve(file), copied.resolve(file));
      Files.setLastModifiedTime(copied.resolve(file), stashed);
    }
    Path mvnWrapper = wrapMaven();

    Run same = run(checkout.resolve("parity"));
    assertThat(same.code).as(same.out).isZero();
    assertThat(same.out).doesNotContain("building the CLI");
    assertThat(mvnWrapper.resolveSibling("mvn-called")).doesNotExist();
    assertThat(Files.getLastModifiedTime(copied.resolve("parity.sources")))
        .as("the stamp is touched, so the next start compares times only")
        .isGreaterThan(stashed);

    Path source = checkout.resolve("pipeline-lib/src/main/java/dev/parity/cli/Main.java");
    Files.writeString(source, Files.readString(source) + "\n// changed\n");
    Run changed = run(checkout.resolve("parity"));
    assertThat(changed.out).contains("building the CLI");
    assertThat(mvnWrapper.resolveSibling("mvn-called")).exists();
    assertThat(changed.code).isEqualTo(1);
  }

  /** mvn first on PATH: records that a build was started and fails it at once. */
  private Path wrapMaven() throws IOException {
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, "#!/bin/sh\ntouch \"$(dirname \"$0\")/mvn-called\"\nexit 97\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    return mvn;
  }

  private record Run(int code, String out) {}

  private Run run(Path launcher) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("PARITY_CDS", "off");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }
}
