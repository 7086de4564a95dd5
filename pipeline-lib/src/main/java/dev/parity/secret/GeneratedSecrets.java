package dev.parity.secret;

/**
 * Where an environment's generated secrets are kept: created on first use, the same value on every
 * later read, from every agent that shares the place (the work dir on a developer's machine, the
 * shared store for a team's Jenkins jobs).
 */
public interface GeneratedSecrets {

  /** The secret's value; created (by {@link #create}) when it does not exist yet. */
  String valueOf(SecretRef.Generated ref);

  /** A new value of that kind: 24 random bytes (URL-safe Base64), or an Ed25519 private key. */
  static String create(SecretRef.Generated ref) {
    if (ref.kind() == SecretRef.Kind.SSH_KEY) {
      return SshKeys.generate("parity-" + ref.name()).privateKey().strip();
    }
    byte[] random = new byte[24];
    new java.security.SecureRandom().nextBytes(random);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
