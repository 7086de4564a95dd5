package dev.parity.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.error.ParityException;
import dev.parity.process.PrivateFiles;
import dev.parity.process.ProcessRunner;
import dev.parity.process.ProcessSpec;
import dev.parity.vars.EnvironmentSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The SSH side of one ansible-playbook run, as experienced Ansible users set it up: the private key
 * written 0600 for the run, a known_hosts file made only of keys parity was given (the module's
 * host keys and the known-hosts secret; an unknown or changed key is refused, never trusted on
 * first use), and an ssh_config with connection reuse (ControlPersist, its sockets under the work
 * dir) and the bastion as ProxyJump. Ansible gets {@code -F <config>}: no secret reaches an
 * argument list. {@link #close()} ends the reused connections, so the next run checks host keys
 * afresh, and removes every file.
 */
public final class SshSession implements AutoCloseable {
  private final Path dir;
  private final Path sockets;
  private final Path config;
  private final List<Target> hosts;
  private final ProcessRunner runner;

  /**
   * Where one node's SSH connection goes, as Ansible opens it (the socket name depends on all
   * three).
   */
  private record Target(String user, String host, int port) {}

  private final java.util.Map<String, String> addresses = new java.util.HashMap<>();
  private List<String> trustedLines = List.of();

  /**
   * A refused host key of one node in parity's words (node, address, both fingerprints, what to
   * update), or empty when the message is not one.
   */
  public java.util.Optional<String> explainHostKey(String node, String message) {
    String host = addresses.get(node);
    return host == null
        ? java.util.Optional.empty()
        : HostKeyChange.explain(node, host, message, trustedLines);
  }

  private SshSession(
      Path dir, Path sockets, Path config, List<Target> hosts, ProcessRunner runner) {
    this.dir = dir;
    this.sockets = sockets;
    this.config = config;
    this.hosts = hosts;
    this.runner = runner;
  }

  /**
   * Writes the run's SSH files under {@code dir} (created 0700).
   *
   * @param privateKey the private key (from the secret named by ssh.private_key_secret)
   * @param knownHosts known_hosts lines from the known-hosts secret, or null
   * @param nodes the inventory's SSH nodes
   */
  public static SshSession open(
      Path dir,
      EnvironmentSpec.Ssh ssh,
      String privateKey,
      String knownHosts,
      List<JsonNode> nodes,
      ProcessRunner runner) {
    try {
      PrivateFiles.createDirectory(dir);
      Path key = dir.resolve("id");
      PrivateFiles.write(key, privateKey.strip() + "\n");
      Set<String> trusted = new LinkedHashSet<>();
      List<Target> hosts = new ArrayList<>();
      for (JsonNode node : nodes) {
        JsonNode s = node.path("ssh");
        String host = s.path("host").asText(node.path("address").asText());
        int port = s.path("port").asInt(22);
        hosts.add(new Target(s.path("user").asText(ssh.user()), host, port));
        String hostKey = s.path("host_key").asText("");
        if (!hostKey.isBlank()) {
          String[] parts = hostKey.strip().split("\\s+");
          trusted.add(knownHostsName(host, port) + " " + parts[0] + " " + parts[1]);
        }
      }
      if (knownHosts != null) {
        knownHosts.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(trusted::add);
      }
      if (trusted.isEmpty()) {
        throw new ParityException(
            "no host keys for the SSH nodes: the inventory gives none and ssh.known_hosts_secret is"
                + " not set; parity never trusts a host key on first use");
      }
      Path knownHostsFile = dir.resolve("known_hosts");
      PrivateFiles.write(knownHostsFile, String.join("\n", trusted) + "\n");
      // Connection-reuse sockets: a private directory of the run with a short path (a Unix socket
      // path has at most 107 bytes, which a work dir under a long path would exceed).
      Path sockets = Files.createTempDirectory("parity-cp-");
      PrivateFiles.createDirectory(sockets);
      Path config = dir.resolve("config");
      PrivateFiles.write(config, config(ssh, key, knownHostsFile, sockets));
      SshSession session = new SshSession(dir, sockets, config, List.copyOf(hosts), runner);
      for (JsonNode node : nodes) {
        JsonNode s = node.path("ssh");
        session.addresses.put(
            node.path("name").asText(),
            knownHostsName(
                s.path("host").asText(node.path("address").asText()), s.path("port").asInt(22)));
      }
      session.trustedLines = List.copyOf(trusted);
      return session;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the SSH files under " + dir, e);
    }
  }

  /** The ssh_config of the run, for {@code ssh -F}. */
  public Path config() {
    return config;
  }

  static String knownHostsName(String host, int port) {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  static String config(EnvironmentSpec.Ssh ssh, Path key, Path knownHosts, Path sockets) {
    StringBuilder c = new StringBuilder("# written by parity for one run, removed after it\n");
    if (ssh.bastion() != null) {
      EnvironmentSpec.Bastion b = ssh.bastion();
      c.append("Host parity-bastion\n")
          .append("  HostName ")
          .append(b.host())
          .append("\n  Port ")
          .append(b.port())
          .append("\n  User ")
          .append(b.user())
          .append("\n  ProxyJump none\n")
          .append("Host * !parity-bastion\n  ProxyJump parity-bastion\n");
    }
    c.append("Host *\n")
        .append("  IdentityFile ")
        .append(key)
        .append("\n  IdentitiesOnly yes\n")
        .append("  UserKnownHostsFile ")
        .append(knownHosts)
        .append("\n  GlobalKnownHostsFile /dev/null\n")
        .append("  StrictHostKeyChecking yes\n")
        .append("  CheckHostIP no\n")
        .append("  BatchMode yes\n")
        .append("  PasswordAuthentication no\n")
        .append("  ConnectTimeout 10\n")
        .append("  ServerAliveInterval 15\n")
        .append("  ServerAliveCountMax 3\n");
    if (ssh.controlPersist()) {
      c.append("  ControlMaster auto\n")
          .append("  ControlPersist 60s\n")
          .append("  ControlPath ")
          .append(sockets)
          .append("/%C\n");
    } else {
      c.append("  ControlMaster no\n");
    }
    return c.toString();
  }

  /**
   * Ends the reused connections (a master still open would skip the next run's host key check), all
   * at once: one {@code ssh -O exit} per host, each waiting on its own master.
   */
  @Override
  public void close() {
    try {
      try (var open = Files.list(sockets)) {
        if (open.findAny().isPresent()) {
          List<CompletableFuture<?>> exits = new ArrayList<>();
          ExecutorService pool =
              Executors.newFixedThreadPool(Math.max(1, Math.min(hosts.size(), 16)));
          try {
            for (Target t : hosts) {
              exits.add(CompletableFuture.runAsync(() -> runner.run(exitMaster(t)), pool));
            }
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).join();
          } finally {
            pool.shutdown();
          }
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // best effort: the files below go either way, and a master without them cannot authenticate
    } finally {
      PrivateFiles.deleteTree(sockets);
      PrivateFiles.deleteTree(dir);
    }
  }

  private ProcessSpec exitMaster(Target t) {
    return ProcessSpec.of(
        "ssh",
        List.of(
            "ssh",
            "-F",
            config.toString(),
            "-O",
            "exit",
            "-l",
            t.user(),
            "-p",
            Integer.toString(t.port()),
            t.host()),
        dir,
        Duration.ofSeconds(10));
  }
}
