package dev.parity.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.check.VersionHistory;
import dev.parity.error.ParityException;
import dev.parity.secret.GeneratedSecretFiles;
import dev.parity.secret.GeneratedSecrets;
import dev.parity.workdir.RunRecords;
import dev.parity.workdir.WorkDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * Every record in the work dir, for one machine: the lock an OS file lock on {@code
 * <env>/parity.lock} (released by the OS when the holder dies, so never left behind) whose content
 * names the holder; history, runs, rollouts and generated secrets as files.
 */
public final class WorkDirStore implements Store {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final WorkDir workDir;
  private final Map<String, String> env;

  public WorkDirStore(WorkDir workDir, Map<String, String> env) {
    this.workDir = workDir;
    this.env = env;
  }

  @Override
  public Lease lock(String environment, String command) {
    Path file = workDir.environment(environment).lockFile();
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new ParityException(Holder.lockedMessage(environment, holder, where()));
      }
      try {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Holder.of(command, env).getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
      } catch (IOException e) {
        // A holder that cannot be written (a full disk) holds nothing: the lock is let go at once.
        lock.release();
        channel.close();
        throw e;
      }
      FileLock taken = lock;
      return Store.lease(
          environment,
          () -> {
            try {
              // The holder is named only while it holds: nobody is told of one that has ended.
              channel.truncate(0);
              taken.release();
              channel.close();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  @Override
  public VersionHistory history() {
    return VersionHistory.inWorkDir(workDir.root());
  }

  @Override
  public void recordRun(ObjectNode record) {
    try {
      new RunRecords(workDir.root()).write(record);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run record", e);
    }
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  public java.util.List<JsonNode> liveChecks(java.time.Instant since) {
    try {
      return new RunRecords(workDir.root()).liveChecks(since);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run records", e);
    }
  }

  private Path rolloutFile(String service) {
    return workDir.root().resolve("rollouts").resolve(service + ".json");
  }

  @Override
  public Optional<JsonNode> rollout(String service) {
    Path file = rolloutFile(service);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new ParityException("the rollout state " + file + " is unreadable: " + e.getMessage());
    }
  }

  @Override
  public void saveRollout(String service, JsonNode state) {
    Path file = rolloutFile(service);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(state) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private Path verdictFile(String environment) {
    return workDir.root().resolve("notify").resolve(environment + ".json");
  }

  @Override
  public Optional<JsonNode> verdictState(String environment) {
    Path file = verdictFile(environment);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new ParityException(
          "the notification state " + file + " is unreadable: " + e.getMessage());
    }
  }

  @Override
  public void saveVerdictState(String environment, JsonNode state) {
    Path file = verdictFile(environment);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, JSON.writeValueAsString(state) + "\n");
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public GeneratedSecrets generatedSecrets(String environment) {
    return new GeneratedSecretFiles(workDir.secrets(environment));
  }

  @Override
  public Optional<String> stateConnStr() {
    return Optional.empty();
  }

  @Override
  public String identity() {
    return workDir.root().toString();
  }

  @Override
  public String where() {
    return "the work dir " + workDir.root();
  }

  @Override
  public void close() {
    // files need no closing
  }
}
