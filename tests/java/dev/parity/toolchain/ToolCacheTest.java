package dev.parity.toolchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolCacheTest {
  @TempDir Path root;

  private Path program(String relative) throws Exception {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void theProgramParityRunsIsThePinnedVersionEvenWhenAnotherSortsLater() throws Exception {
    program("opentofu/1.9.0/tofu"); // "1.9.0" sorts after "1.10.10" as text
    Path pinned = program("opentofu/1.10.10/tofu");
    Path ansible = program("ansible-core/2.18.19/bin/ansible-playbook");
    ToolCache cache = new ToolCache(root);
    Toolchain toolchain = new Toolchain("1.10.10", "2.18.19", List.of(), "1.6.18");
    assertThat(cache.program("tofu", toolchain)).contains(pinned);
    assertThat(cache.program("ansible-playbook", toolchain)).contains(ansible);
    assertThat(cache.program("psql", toolchain)).as("not a program the cache installs").isEmpty();
  }

  @Test
  void withoutThePinnedVersionAnotherCachedOneIsFoundSoDoctorCanCallItWrong() throws Exception {
    Path other = program("opentofu/1.9.0/tofu");
    Toolchain toolchain = new Toolchain("1.10.10", "2.18.19", List.of(), "1.6.18");
    assertThat(new ToolCache(root).program("tofu", toolchain)).contains(other);
    assertThat(new ToolCache(root.resolve("none")).program("tofu", toolchain)).isEmpty();
  }
}
