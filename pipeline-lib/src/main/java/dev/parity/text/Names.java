package dev.parity.text;

import java.util.regex.Pattern;

/**
 * The patterns of what parity reads as a name or a version, in one place: the validator, the JSON
 * Schema, the inventory, the CLI and the Jenkins steps (checked by a test) all use these.
 */
public final class Names {
  /**
   * A name that may become a file name, a host or group name, a directory or a shell word:
   * environments, roles, services, secrets, settings.
   */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  /**
   * A declared version: two to four numbers separated by dots, "16.4" or "1.6.18"; each number
   * without a leading zero ("16.04" would be read as 16.4 by one reader and not by another) and at
   * most nine digits (so every reader holds it exactly).
   */
  public static final Pattern VERSION =
      Pattern.compile("(0|[1-9]\\d{0,8})(\\.(0|[1-9]\\d{0,8})){1,3}");

  /**
   * A path inside a directory parity owns (the tool cache, an unpacked tool): segments of letters,
   * digits, '.', '_', '+' and '-', separated by '/'; never absolute, never '.' or '..' (so it
   * cannot leave that directory).
   */
  public static final Pattern RELATIVE_PATH =
      Pattern.compile(
          "(?!(?:.*/)?\\.{1,2}(?:/|$))[A-Za-z0-9._+-]{1,255}(?:/[A-Za-z0-9._+-]{1,255}){0,15}");

  /** An absolute path on a node: segments as in {@link #RELATIVE_PATH}, after a leading '/'. */
  public static final Pattern ABSOLUTE_PATH =
      Pattern.compile(
          "(?!(?:.*/)?\\.{1,2}(?:/|$))/[A-Za-z0-9._+-]{1,255}(?:/[A-Za-z0-9._+-]{1,255}){0,15}");

  /** A Debian package name (Debian Policy 5.6.1). */
  public static final Pattern DEB_PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]{1,99}");

  /**
   * A Debian package, optionally pinned to a version ({@code nodejs=18.19*}): the name as in {@link
   * #DEB_PACKAGE}, then '=' and a Debian version (digits first; letters, digits, '.', '+', '~', ':'
   * and '-') with an optional trailing '*'. Nothing else: the string reaches apt and a printed fix.
   */
  public static final Pattern DEB_PACKAGE_PIN =
      Pattern.compile("[a-z0-9][a-z0-9+.-]{1,99}(=[0-9][A-Za-z0-9.+~:-]{0,63}\\*?)?");

  /**
   * One apt source in one-line format: deb, optional [options], a URI (http, https or file), a
   * suite and components; one line, no shell or control characters.
   */
  public static final Pattern APT_SOURCE =
      Pattern.compile(
          "deb( \\[[A-Za-z0-9=,._/:+-]+( [A-Za-z0-9=,._/:+-]+)*\\])? (https?://|file:/)[A-Za-z0-9._~/:%+@-]+"
              + "( [A-Za-z0-9._/+-]+)+");

  /** The name of a process environment variable that a secret reference reads. */
  public static final Pattern ENV_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
  private static final String IPV4 = OCTET + "(\\." + OCTET + "){3}";
  private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

  /**
   * An IPv4 network in CIDR notation, "10.231.1.0/24": decimal octets without leading zeros (C's
   * inet_aton reads "010" as octal), a prefix of 0 to 32.
   */
  public static final Pattern IPV4_CIDR = Pattern.compile(IPV4 + "/(3[0-2]|[12]?[0-9])");

  /**
   * A host: an IPv4 address as in {@link #IPV4_CIDR}, a DNS name (not all digits and dots), or an
   * IPv6 literal; never starting with '-'. {@link Hosts#notHost} checks it and says why not.
   */
  public static final Pattern HOST =
      Pattern.compile(
          IPV4
              + "|(?![0-9.]+$)"
              + LABEL
              + "(\\."
              + LABEL
              + ")*\\.?"
              + "|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

  /**
   * True for an IPv4 CIDR, parsed strictly ({@link Hosts#notCidr}: octets at most 255 without
   * leading zeros, a prefix at most 32).
   */
  public static boolean isCidr(String text) {
    return IPV4_CIDR.matcher(text).matches() && Hosts.notCidr(text).isEmpty();
  }

  private Names() {}
}
