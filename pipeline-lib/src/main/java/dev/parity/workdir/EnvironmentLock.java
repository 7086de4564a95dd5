package dev.parity.workdir;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.process.ParityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One parity command at a time per environment on this work dir: an OS file lock (released by the
 * OS when the holder dies, so it can never be left behind) on {@code parity.lock}, whose content
 * names the holder. A second command fails at once, naming the holder.
 */
public final class EnvironmentLock implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FileChannel channel;
  private final FileLock lock;

  private EnvironmentLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static EnvironmentLock acquire(EnvironmentDir dir, String environment, String command) {
    Path file = dir.lockFile();
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
        throw new ParityException(
            "environment "
                + environment
                + " is locked by another parity run: "
                + describe(holder)
                + "; wait for it to finish (the lock is released when that process ends)");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(holder(command).getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new EnvironmentLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  private static String holder(String command) throws IOException {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("command", command);
    info.put("pid", ProcessHandle.current().pid());
    info.put("user", System.getProperty("user.name"));
    info.put("host", hostName());
    info.put("since", Instant.now().toString());
    return JSON.writeValueAsString(info);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }

  private static String describe(String holder) {
    try {
      var n = JSON.readTree(holder);
      return "parity "
          + n.path("command").asText()
          + " (pid "
          + n.path("pid").asText()
          + ", user "
          + n.path("user").asText()
          + " on "
          + n.path("host").asText()
          + ", since "
          + n.path("since").asText()
          + ")";
    } catch (IOException e) {
      return "an unknown holder";
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
