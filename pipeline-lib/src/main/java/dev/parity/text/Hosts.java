package dev.parity.text;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hosts, addresses and networks parsed strictly, for the places they reach raw: ssh's argv and
 * config, pg_hba.conf, a bind address. An IPv4 address is four decimal numbers without leading
 * zeros (C's inet_aton reads "010" as octal 8); a DNS name is labels of letters, digits and inner
 * hyphens; an IPv6 literal is hex and colons. Nothing may start with '-' (ssh would take it for an
 * option), hold a space, '%' (an ssh_config token) or anything else.
 */
public final class Hosts {
  private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private Hosts() {}

  /** Why the text is not an IPv4 address, or empty when it is one. */
  public static Optional<String> notIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.of("an IPv4 address is four numbers separated by dots");
    }
    for (String p : parts) {
      if (!OCTET.matcher(p).matches()) {
        return Optional.of(
            p.startsWith("0") && p.length() > 1
                ? "a number with a leading zero ('" + p + "') is read as octal by C programs"
                : "each number is 0 to 255, written in decimal");
      }
      if (Integer.parseInt(p) > 255) {
        return Optional.of("each number is 0 to 255");
      }
    }
    return Optional.empty();
  }

  /** Why the text is not a host (an IP address or a DNS name), or empty when it is one. */
  public static Optional<String> notHost(String text) {
    if (text.isEmpty()) {
      return Optional.of("it is empty");
    }
    if (text.startsWith("-")) {
      return Optional.of("it starts with '-', which ssh would read as an option");
    }
    if (text.contains(":")) {
      return IPV6.matcher(text).matches() && ipv6(text)
          ? Optional.empty()
          : Optional.of("not an IPv6 address");
    }
    if (text.matches("[0-9.]+")) {
      return notIpv4(text);
    }
    if (text.length() > 253) {
      return Optional.of("a DNS name is at most 253 characters");
    }
    String[] labels =
        text.endsWith(".")
            ? text.substring(0, text.length() - 1).split("\\.", -1)
            : text.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.of(
            "a DNS name is labels of letters, digits and inner '-' separated by dots"
                + " (no spaces, '%', '/', '@' or other characters)");
      }
    }
    return Optional.empty();
  }

  public static boolean isHost(String text) {
    return notHost(text).isEmpty();
  }

  /**
   * An IPv6 literal, parsed without any lookup: in brackets the JDK only parses, and refuses what
   * is not a literal instead of asking DNS.
   */
  private static boolean ipv6(String text) {
    try {
      return java.net.InetAddress.getByName("[" + text + "]") instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** Why the text is not an IPv4 network "a.b.c.d/n", or empty when it is one. */
  public static Optional<String> notCidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.of("a network is an address, '/' and a prefix length, e.g. 10.231.1.0/24");
    }
    Optional<String> address = notIpv4(text.substring(0, slash));
    if (address.isPresent()) {
      return address;
    }
    String prefix = text.substring(slash + 1);
    if (!prefix.matches("0|[1-9][0-9]?") || Integer.parseInt(prefix) > 32) {
      return Optional.of("the prefix length is 0 to 32, without a leading zero");
    }
    return Optional.empty();
  }
}
