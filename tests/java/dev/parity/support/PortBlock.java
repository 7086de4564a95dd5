package dev.parity.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A block of loopback ports that one test home owns while it lives: free when taken (every port
 * bound once to prove it), and held against every other test home on this machine ({@link
 * HeldBlock}), so the suite runs beside a running stack and beside another run of itself.
 *
 * <p>Blocks lie below Linux's ephemeral range (32768+), where the kernel picks ports for outgoing
 * connections and for servers bound to port 0.
 */
public final class PortBlock implements AutoCloseable {
  public static final int SIZE = 1000;
  private static final int FIRST = 10_000;
  private static final int BLOCKS = 20; // 10000 .. 29999; bench/probes.sh uses 30000 and up

  private final HeldBlock held;

  private PortBlock(HeldBlock held) {
    this.held = held;
  }

  /** The first free block, starting the search at a random one. */
  public static PortBlock take() {
    return new PortBlock(
        HeldBlock.take("parity-test-ports", BLOCKS, i -> allFree(FIRST + i * SIZE)));
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
    return FIRST + held.index() * SIZE;
  }

  @Override
  public void close() {
    held.close();
  }
}
