package dev.parity.secret;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 SSH keys in OpenSSH's own formats, made with the JDK (no ssh-keygen process, so a
 * generated key never passes through another program): a new key pair for a secret declared {@code
 * { generate: true, kind: ssh-key }}, and the public half of any unencrypted or encrypted OpenSSH
 * private key (its public key is stored in the clear), for the lab's authorized keys.
 */
public final class SshKeys {
  private static final String ARMOR_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
  private static final String ARMOR_END = "-----END OPENSSH PRIVATE KEY-----";
  private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final String ED25519 = "ssh-ed25519";

  private SshKeys() {}

  /** A key pair: the private key file's text and the public key line. */
  public record Pair(String privateKey, String publicKey) {}

  /** A new Ed25519 key pair; {@code comment} ends the public key line. */
  public static Pair generate(String comment) {
    KeyPair kp;
    try {
      kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
    }
    // The raw keys are the last 32 bytes of the JDK's X.509 and PKCS#8 encodings.
    byte[] pub = tail(kp.getPublic().getEncoded(), 32);
    byte[] seed = tail(kp.getPrivate().getEncoded(), 32);
    byte[] publicBlob = concat(string(ED25519.getBytes(StandardCharsets.US_ASCII)), string(pub));

    ByteArrayOutputStream section = new ByteArrayOutputStream();
    byte[] check = new byte[4];
    new SecureRandom().nextBytes(check);
    section.writeBytes(check);
    section.writeBytes(check);
    section.writeBytes(string(ED25519.getBytes(StandardCharsets.US_ASCII)));
    section.writeBytes(string(pub));
    section.writeBytes(string(concat(seed, pub)));
    section.writeBytes(string(comment.getBytes(StandardCharsets.UTF_8)));
    for (int pad = 1; section.size() % 8 != 0; pad++) {
      section.write(pad);
    }

    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(MAGIC);
    file.writeBytes(string("none".getBytes(StandardCharsets.US_ASCII))); // cipher
    file.writeBytes(string("none".getBytes(StandardCharsets.US_ASCII))); // kdf
    file.writeBytes(string(new byte[0])); // kdf options
    file.writeBytes(ByteBuffer.allocate(4).putInt(1).array()); // one key
    file.writeBytes(string(publicBlob));
    file.writeBytes(string(section.toByteArray()));
    Arrays.fill(seed, (byte) 0);

    String body = Base64.getEncoder().encodeToString(file.toByteArray());
    StringBuilder text = new StringBuilder(ARMOR_BEGIN).append('\n');
    for (int i = 0; i < body.length(); i += 70) {
      text.append(body, i, Math.min(body.length(), i + 70)).append('\n');
    }
    text.append(ARMOR_END).append('\n');
    return new Pair(text.toString(), publicLine(publicBlob, comment));
  }

  /**
   * The public key line ({@code ssh-ed25519 AAAA...}) of an OpenSSH-format private key. Fails with
   * a message that never contains the key when the text is not one.
   */
  public static String publicKeyOf(String privateKey) {
    String text = privateKey.strip();
    if (!text.startsWith(ARMOR_BEGIN) || !text.endsWith(ARMOR_END)) {
      throw new IllegalArgumentException(
          "not an OpenSSH private key (expected "
              + ARMOR_BEGIN
              + "); convert it with ssh-keygen -p");
    }
    byte[] data;
    try {
      data =
          Base64.getMimeDecoder()
              .decode(
                  text.substring(ARMOR_BEGIN.length(), text.length() - ARMOR_END.length()).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the OpenSSH private key is not valid base64");
    }
    ByteBuffer in = ByteBuffer.wrap(data);
    try {
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException("not an openssh-key-v1 private key");
      }
      read(in); // cipher
      read(in); // kdf
      read(in); // kdf options
      if (in.getInt() < 1) {
        throw new IllegalArgumentException("the OpenSSH private key holds no key");
      }
      byte[] blob = read(in);
      String type = new String(read(ByteBuffer.wrap(blob)), StandardCharsets.US_ASCII);
      return type + " " + Base64.getEncoder().encodeToString(blob);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("the OpenSSH private key is cut short");
    }
  }

  private static String publicLine(byte[] blob, String comment) {
    return ED25519 + " " + Base64.getEncoder().encodeToString(blob) + " " + comment;
  }

  private static byte[] read(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new java.nio.BufferUnderflowException();
    }
    byte[] b = new byte[length];
    in.get(b);
    return b;
  }

  private static byte[] string(byte[] value) {
    return ByteBuffer.allocate(4 + value.length).putInt(value.length).put(value).array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] tail(byte[] encoded, int n) {
    return Arrays.copyOfRange(encoded, encoded.length - n, encoded.length);
  }
}
