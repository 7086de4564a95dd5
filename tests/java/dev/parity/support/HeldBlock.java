package dev.parity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;

/**
 * One of a numbered set of blocks (of ports, of subnets) that a test home holds while it lives: a
 * lock file per block, kept locked by the holder, keeps every other home out, in this JVM or
 * another; the caller's check says whether the block is free of everything else.
 */
final class HeldBlock implements AutoCloseable {
  private final int index;
  private final FileChannel channel;
  private final FileLock lock;

  private HeldBlock(int index, FileChannel channel, FileLock lock) {
    this.index = index;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * The first block, searching from a random one, that no home holds and {@code free} accepts.
   *
   * @param kind names the lock directory under the temp dir
   * @param count how many blocks there are (0 to count - 1)
   */
  static HeldBlock take(String kind, int count, IntPredicate free) {
    Path locks = Path.of(System.getProperty("java.io.tmpdir"), kind);
    try {
      Files.createDirectories(locks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = ThreadLocalRandom.current().nextInt(count);
    for (int i = 0; i < count; i++) {
      int index = (start + i) % count;
      FileChannel channel = null;
      try {
        channel =
            FileChannel.open(
                locks.resolve(index + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock != null && free.test(index)) {
          return new HeldBlock(index, channel, lock);
        }
      } catch (IOException | OverlappingFileLockException held) {
        // held by another home of this JVM, or the file cannot be opened: try the next block
      }
      close(channel);
    }
    throw new IllegalStateException(
        "no free block among "
            + count
            + " ("
            + kind
            + "): each is held by another test home or in use");
  }

  int index() {
    return index;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    close(channel);
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing held any more
      }
    }
  }
}
