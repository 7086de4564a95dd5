package dev.parity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Eight /24 lab subnets that one test home owns while it lives (10.231.8k.0/24 to
 * 10.231.(8k+7).0/24, k from 1 to 31; k = 0 holds the bundled variable sets' own subnets): free
 * when taken (no address of this machine lies in them) and held against every other test home with
 * a lock file, as {@link PortBlock} holds ports. Only addresses of the lab's own namespaces are
 * ever used in them.
 */
public final class SubnetBlock implements AutoCloseable {
  public static final int SIZE = 8;
  private static final int BLOCKS = 31;
  private static final Path LOCKS =
      Path.of(System.getProperty("java.io.tmpdir"), "parity-test-subnets");

  private final int first;
  private final FileChannel channel;
  private final FileLock lock;

  private SubnetBlock(int first, FileChannel channel, FileLock lock) {
    this.first = first;
    this.channel = channel;
    this.lock = lock;
  }

  public static SubnetBlock take() {
    try {
      Files.createDirectories(LOCKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = ThreadLocalRandom.current().nextInt(BLOCKS);
    for (int i = 0; i < BLOCKS; i++) {
      int k = 1 + (start + i) % BLOCKS;
      FileChannel channel = null;
      try {
        channel =
            FileChannel.open(
                LOCKS.resolve(k + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock != null && unused(k * SIZE)) {
          return new SubnetBlock(k * SIZE, channel, lock);
        }
      } catch (IOException | OverlappingFileLockException held) {
        // held by another home: try the next block
      }
      close(channel);
    }
    throw new IllegalStateException("no free block of lab subnets in 10.231.8.0 - 10.231.255.0");
  }

  /** No address of this machine (its bridges included) lies in the block's subnets. */
  private static boolean unused(int third) throws SocketException {
    List<NetworkInterface> all = new ArrayList<>();
    NetworkInterface.networkInterfaces().forEach(all::add);
    for (NetworkInterface nic : all) {
      for (InterfaceAddress a : nic.getInterfaceAddresses()) {
        if (a.getAddress() instanceof Inet4Address v4) {
          byte[] b = v4.getAddress();
          int octet3 = b[2] & 0xff;
          if ((b[0] & 0xff) == 10
              && (b[1] & 0xff) == 231
              && octet3 >= third
              && octet3 < third + SIZE) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The i-th subnet of the block (0 to 7), e.g. "10.231.16.0/24". */
  public String subnet(int i) {
    if (i < 0 || i >= SIZE) {
      throw new IllegalArgumentException("a block holds " + SIZE + " subnets");
    }
    return "10.231." + (first + i) + ".0/24";
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
