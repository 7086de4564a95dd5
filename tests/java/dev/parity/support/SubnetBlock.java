package dev.parity.support;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * Eight /24 lab subnets that one test home owns while it lives (10.231.8k.0/24 to
 * 10.231.(8k+7).0/24, k from 1 to 31; k = 0 holds the bundled variable sets' own subnets): free
 * when taken (no address of this machine lies in them) and held against every other test home
 * ({@link HeldBlock}), as {@link PortBlock} holds ports. Only addresses of the lab's own namespaces
 * are ever used in them.
 */
public final class SubnetBlock implements AutoCloseable {
  public static final int SIZE = 8;
  private static final int BLOCKS = 31;

  private final HeldBlock held;

  private SubnetBlock(HeldBlock held) {
    this.held = held;
  }

  public static SubnetBlock take() {
    return new SubnetBlock(
        HeldBlock.take("parity-test-subnets", BLOCKS, i -> unused((i + 1) * SIZE)));
  }

  /** No address of this machine (its bridges included) lies in the block's subnets. */
  private static boolean unused(int third) {
    List<NetworkInterface> all = new ArrayList<>();
    try {
      NetworkInterface.networkInterfaces().forEach(all::add);
    } catch (SocketException e) {
      return false;
    }
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
    return "10.231." + ((held.index() + 1) * SIZE + i) + ".0/24";
  }

  @Override
  public void close() {
    held.close();
  }
}
