package dev.parity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A block of loopback ports that one test home owns while it lives: free when taken (every port
 * bound once to prove it), and held against every other test home on this machine, in this JVM or
 * another (a lock file per block that the holder keeps locked), so the suite runs beside a running
 * stack and beside another run of itself.
 *
 * <p>Blocks lie below Linux's ephemeral range (32768+), where the kernel picks ports for outgoing
 * connections and for servers bound to port 0.
 */
public final class PortBlock implements AutoCloseable {
  public static final int SIZE = 1000;
  private static final int FIRST = 10_000;
  private static final int BLOCKS = 20; // 10000 .. 29999; bench/probes.sh uses 30000 and up
  private static final Path LOCKS =
      Path.of(System.getProperty("java.io.tmpdir"), "parity-test-ports");

  private final int base;
  private final FileChannel channel;
  private final FileLock lock;

  private PortBlock(int base, FileChannel channel, FileLock lock) {
    this.base = base;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * The first free block, starting the search at a random one; fails when every block is taken or
   * in use.
   */
  public static PortBlock take() {
    try {
      Files.createDirectories(LOCKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = ThreadLocalRandom.current().nextInt(BLOCKS);
    for (int i = 0; i < BLOCKS; i++) {
      int base = FIRST + ((start + i) % BLOCKS) * SIZE;
      PortBlock block = tryTake(base);
      if (block != null) {
        return block;
      }
    }
    throw new IllegalStateException(
        "no free block of "
            + SIZE
            + " loopback ports between "
            + FIRST
            + " and "
            + (FIRST + BLOCKS * SIZE - 1)
            + ": every one is held by another test home or has a port in use");
  }

  private static PortBlock tryTake(int base) {
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              LOCKS.resolve(base + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null && allFree(base)) {
        return new PortBlock(base, channel, lock);
      }
    } catch (IOException | OverlappingFileLockException held) {
      // held by another home of this JVM, or the file cannot be opened: try the next block
    }
    closeQuietly(channel);
    return null;
  }

  /** Binds every port of the block once on the loopback address the stacks listen on. */
  static boolean allFree(int base) {
    for (int port = base; port < base + SIZE; port++) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (IOException inUse) {
        return false;
      }
    }
    return true;
  }

  /** The block's first port. */
  public int base() {
    return base;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing held any more
      }
    }
  }
}
