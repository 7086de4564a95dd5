package dev.parity.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The interface names terraform/lab/main.tf gives, for tests that make lab hosts by hand with the
 * lab's script (a bastion, a crashed run's leftover). parity itself never computes them: it reads
 * what the script recorded on the host's disk.
 */
public final class LabNames {
  private LabNames() {}

  /** The bridge the lab module names for an environment of this prefix. */
  public static String bridge(String prefix, String environment) {
    return "pb" + sha1(prefix + "/" + environment).substring(0, 10);
  }

  /** The host side of a lab host's link, as the lab module names it ("cache-1" for node). */
  public static String veth(String prefix, String environment, String node) {
    return "pv" + sha1(prefix + "/" + environment + "/" + node).substring(0, 10);
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
