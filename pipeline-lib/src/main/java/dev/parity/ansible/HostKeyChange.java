package dev.parity.ansible;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSSH's refusal of a changed host key, said in parity's words: which node, at which address,
 * the fingerprint it sent and the ones parity trusted, and where to update it. OpenSSH's own advice
 * (edit a known_hosts file) points at a file parity made for the run and has deleted.
 */
final class HostKeyChange {
  private static final Pattern SENT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

  private HostKeyChange() {}

  /**
   * @param node the node's name
   * @param host the address parity reaches it at (its known_hosts name)
   * @param message what Ansible reported for it
   * @param trusted the known_hosts lines parity trusted for the run
   */
  static Optional<String> explain(String node, String host, String message, List<String> trusted) {
    if (!message.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
        && !message.contains("Host key verification failed")) {
      return Optional.empty();
    }
    Matcher m = SENT.matcher(message);
    String sent = m.find() ? m.group() : "a key OpenSSH did not name";
    List<String> expected = new ArrayList<>();
    for (String line : trusted) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length >= 3 && List.of(parts[0].split(",")).contains(host)) {
        expected.add(parts[1] + " " + fingerprint(parts[2]));
      }
    }
    return Optional.of(
        node
            + " ("
            + host
            + "): its host key changed: it sent "
            + sent
            + ", parity trusts "
            + (expected.isEmpty() ? "no key for that address" : String.join(", ", expected))
            + ". Host key verification failed, so nothing ran there. If the host was rebuilt, update"
            + " host_key in your module or your known_hosts secret (ssh.known_hosts_secret); if not,"
            + " something else answers at that address.");
  }

  /** OpenSSH's SHA256 fingerprint of a public key blob (base64), as ssh-keygen -l prints it. */
  static String fingerprint(String base64Blob) {
    try {
      byte[] blob = Base64.getDecoder().decode(base64Blob.getBytes(StandardCharsets.US_ASCII));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (IllegalArgumentException e) {
      return "(an unreadable key)";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
