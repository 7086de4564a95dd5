package dev.parity.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFingerprintTest {
  @TempDir Path module;

  @Test
  void aFileLargerThanAnyArrayIsHashedByStreamingAndStillCounts() throws Exception {
    Files.writeString(module.resolve("main.tf"), "output \"x\" { value = 1 }\n");
    Path big = module.resolve("blob.bin");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength((1L << 31) + 4096); // sparse: no disk, but more bytes than a Java array holds
    }
    String before = PlanFingerprint.moduleHash(module);
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.seek((1L << 31) + 100);
      f.write(1); // one byte past what an array could have held
    }
    assertThat(PlanFingerprint.moduleHash(module)).hasSize(64).isNotEqualTo(before);
  }

  @Test
  void theHashSeesEveryFileByPathAndContent() throws Exception {
    Files.writeString(module.resolve("main.tf"), "a");
    String one = PlanFingerprint.moduleHash(module);
    Files.writeString(module.resolve("main.tf"), "b");
    String two = PlanFingerprint.moduleHash(module);
    Files.move(module.resolve("main.tf"), module.resolve("other.tf"));
    String three = PlanFingerprint.moduleHash(module);
    assertThat(one).isNotEqualTo(two);
    assertThat(two).isNotEqualTo(three);
  }
}
