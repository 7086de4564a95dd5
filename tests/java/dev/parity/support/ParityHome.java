package dev.parity.support;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A parity home for one test: copies of the repository's vars/ and terraform/ that the test may
 * edit, and a work dir, all under a temporary directory that the unprivileged service user can
 * reach. Its services listen in a {@link PortBlock} of its own, never on the repository's fixed
 * ports: the suite runs beside the main job's stacks and beside another run of itself. Ask {@link
 * #port} for a node's port instead of writing one down.
 */
public final class ParityHome implements AutoCloseable {
  /** A resource whose creation takes seconds, so that a test can act while an apply runs. */
  public static final String SLOW_RESOURCE =
      """
      resource "terraform_data" "slow" {
        input = var.environment
        provisioner "local-exec" {
          command = "sleep 6"
        }
      }
      """;

  public static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private final Path root;
  private final PortBlock ports;
  private final SubnetBlock subnets;

  private ParityHome(Path root, PortBlock ports, SubnetBlock subnets) {
    this.root = root;
    this.ports = ports;
    this.subnets = subnets;
  }

  public static ParityHome copyOfRepository() throws IOException {
    Path root = Files.createTempDirectory("parity-home-");
    root.toFile().setExecutable(true, false);
    root.toFile().setReadable(true, false);
    copyTree(REPOSITORY.resolve("vars"), root.resolve("vars"));
    copyTree(REPOSITORY.resolve("terraform"), root.resolve("terraform"));
    copyTree(REPOSITORY.resolve("playbooks"), root.resolve("playbooks"));
    PortBlock ports = PortBlock.take();
    SubnetBlock subnets = SubnetBlock.take();
    try {
      moveServicePorts(root.resolve("vars"), ports.base());
      moveSubnets(root.resolve("vars"), subnets);
    } catch (IOException | RuntimeException e) {
      ports.close();
      subnets.close();
      throw e;
    }
    return new ParityHome(root, ports, subnets);
  }

  /**
   * Makes the environment a lab of real SSH hosts (terraform/lab) in one of this home's own
   * subnets, its services on their standard ports at each host's own address, reached with a key
   * generated into the work dir, or read from {@code keyVariable} when given. The environment's
   * file is written anew: its name, this, and the topology given.
   */
  public void useLab(String environment, String topology, String keyVariable) {
    int index = java.util.List.of("dev", "qa", "staging", "prod", "lab").indexOf(environment);
    String key =
        keyVariable == null ? "{ generate: true, kind: ssh-key }" : "{ env: " + keyVariable + " }";
    write(
        "vars/" + environment + ".yml",
        "environment: "
            + environment
            + "\nterraform: { module: terraform/lab }\n"
            + "network: { subnet: "
            + subnets.subnet(Math.max(0, index))
            + " }\n"
            + "ssh: { private_key_secret: ssh_key }\n"
            + "secrets:\n  ssh_key: "
            + key
            + "\nservices:\n  postgresql: { port: 5432 }\n  memcached: { port: 11211 }\n"
            + "topology: "
            + topology
            + "\n");
  }

  /**
   * Removes these environments from the variable set: their files, their names from common.yml's
   * promotion and prod_like lists (which must name only environments that exist), and the tools
   * required only in them (a tool's environments list names only environments that exist; emptied,
   * it would mean every environment).
   */
  public void removeEnvironments(String... names) {
    try {
      for (String name : names) {
        Files.deleteIfExists(vars().resolve(name + ".yml"));
      }
      String common = Files.readString(vars().resolve("common.yml"));
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(?m)^(\\s*(?:promotion|prod_like): \\[)([^\\]]*)(\\])")
              .matcher(common);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String kept =
            java.util.Arrays.stream(m.group(2).split(","))
                .map(String::strip)
                .filter(n -> !n.isEmpty() && !java.util.List.of(names).contains(n))
                .collect(java.util.stream.Collectors.joining(", "));
        m.appendReplacement(
            sb, java.util.regex.Matcher.quoteReplacement(m.group(1) + kept + m.group(3)));
      }
      m.appendTail(sb);
      write("vars/common.yml", withoutToolsOnlyIn(sb.toString(), List.of(names)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** common.yml's one-line tool entries without these environments (dropped when none is left). */
  private static String withoutToolsOnlyIn(String common, List<String> removed) {
    java.util.regex.Pattern list =
        java.util.regex.Pattern.compile("(environments: \\[)([^\\]]*)(\\])");
    StringBuilder out = new StringBuilder();
    boolean inTools = false;
    int kept = 0;
    int toolsLine = -1;
    for (String line : common.split("\n", -1)) {
      if (line.startsWith("tools:")) {
        inTools = true;
        toolsLine = out.length();
      } else if (inTools && !line.startsWith(" ")) {
        inTools = false;
      } else if (inTools) {
        java.util.regex.Matcher m = list.matcher(line);
        if (m.find()) {
          List<String> left =
              java.util.Arrays.stream(m.group(2).split(","))
                  .map(String::strip)
                  .filter(n -> !n.isEmpty() && !removed.contains(n))
                  .toList();
          if (left.isEmpty()) {
            continue;
          }
          line = m.replaceFirst("$1" + String.join(", ", left) + "$3");
        }
        kept++;
      }
      out.append(line).append('\n');
    }
    String result = out.substring(0, out.length() - 1);
    if (toolsLine >= 0 && kept == 0) { // a tools: key with no tools left is no tools at all
      int end = result.indexOf('\n', toolsLine);
      result = result.substring(0, toolsLine) + result.substring(end + 1);
    }
    return result;
  }

  /** A resource that takes seconds to create in both bundled modules: applies a test can catch. */
  public void slowApplies() {
    write("terraform/slow.tf", SLOW_RESOURCE);
    write("terraform/lab/slow.tf", SLOW_RESOURCE);
  }

  /**
   * Makes the environment a local stack (the bundled terraform/ module: every node this machine,
   * ports base + offset + index), written anew with the topology given.
   */
  public void useLocalStack(String environment, String topology, int portOffset) {
    write(
        "vars/" + environment + ".yml",
        "environment: "
            + environment
            + "\nnetwork: { port_offset: "
            + portOffset
            + " }\ntopology: "
            + topology
            + "\n");
  }

  /** The i-th lab subnet of this home (0 to 7); useLab gives dev 0, qa 1, staging 2, prod 3. */
  public String subnet(int i) {
    return subnets.subnet(i);
  }

  /** Where the lab keeps this home's hosts (their config, keys and disks). */
  public Path labRoot() {
    return Path.of(
        "/var/lib/parity-lab",
        dev.parity.terraform.Infrastructure.labPrefix(new dev.parity.workdir.WorkDir(work())));
  }

  /**
   * Gives each service its own half of the port block as base port, in every variable file that
   * sets one (common.yml's services in their order; environments add their port_offset, up to 400
   * in the bundled sets, and the node index), and each lab environment one of the home's subnets.
   * Edited in place, so the files stay as written.
   */
  private static void moveServicePorts(Path vars, int base) throws IOException {
    Path common = vars.resolve("common.yml");
    MappingNode services =
        child(
                    new Yaml(new LoaderOptions())
                        .compose(new StringReader(Files.readString(common))),
                    "services")
                instanceof MappingNode m
            ? m
            : null;
    if (services == null || services.getValue().size() > 2) {
      throw new IllegalStateException(common + ": a test home holds ports for at most 2 services");
    }
    List<String> names = new ArrayList<>();
    services.getValue().forEach(t -> names.add(((ScalarNode) t.getKeyNode()).getValue()));
    try (Stream<Path> files = Files.list(vars)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        edit(
            file,
            root -> {
              List<int[]> edits = new ArrayList<>();
              if (child(root, "services") instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                  int i = names.indexOf(((ScalarNode) t.getKeyNode()).getValue());
                  if (i >= 0 && child(t.getValueNode(), "port") instanceof ScalarNode port) {
                    edits.add(
                        new int[] {
                          port.getStartMark().getIndex(),
                          port.getEndMark().getIndex(),
                          base + i * PortBlock.SIZE / 2
                        });
                  }
                }
              }
              return edits;
            });
      }
    }
  }

  /** Gives every lab environment (network.subnet set) one of the block's subnets. */
  private static void moveSubnets(Path vars, SubnetBlock subnets) throws IOException {
    List<String> order = List.of("dev", "qa", "staging", "prod");
    try (Stream<Path> files = Files.list(vars)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        String env = file.getFileName().toString().replace(".yml", "");
        edit(
            file,
            root -> {
              List<int[]> edits = new ArrayList<>();
              if (child(child(root, "network"), "subnet") instanceof ScalarNode subnet) {
                int i = order.indexOf(env);
                edits.add(
                    new int[] {
                      subnet.getStartMark().getIndex(),
                      subnet.getEndMark().getIndex(),
                      i < 0 ? 7 : i
                    });
              }
              return edits;
            },
            i -> subnets.subnet(i));
      }
    }
  }

  private static void edit(Path file, java.util.function.Function<Node, List<int[]>> find)
      throws IOException {
    edit(file, find, String::valueOf);
  }

  /** Replaces the found spans (start, end, value) from the end, so earlier marks stay valid. */
  private static void edit(
      Path file,
      java.util.function.Function<Node, List<int[]>> find,
      java.util.function.IntFunction<String> render)
      throws IOException {
    String text = Files.readString(file);
    Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    List<int[]> edits = new ArrayList<>(find.apply(root));
    edits.sort((a, b) -> Integer.compare(b[0], a[0]));
    for (int[] e : edits) {
      text = text.substring(0, e[0]) + render.apply(e[2]) + text.substring(e[1]);
    }
    Files.writeString(file, text);
  }

  private static Node child(Node node, String key) {
    if (node instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return t.getValueNode();
        }
      }
    }
    return null;
  }

  /**
   * The port a node of the environment listens on for the service, as the variable set in this home
   * says now: {@code services.S.port + network.port_offset + index}, each from the environment's
   * file when it sets it, else from common.yml.
   */
  public int port(String environment, String service, int index) {
    Map<?, ?> common = yaml(vars().resolve("common.yml"));
    Map<?, ?> own = yaml(vars().resolve(environment + ".yml"));
    Object port = at(own, "services", service, "port");
    port = port != null ? port : at(common, "services", service, "port");
    Object offset = at(own, "network", "port_offset");
    offset = offset != null ? offset : at(common, "network", "port_offset");
    if (!(port instanceof Integer p)) {
      throw new IllegalArgumentException(environment + " declares no port for " + service);
    }
    return p + (offset instanceof Integer o ? o : 0) + index;
  }

  private static Map<?, ?> yaml(Path file) {
    try {
      Object doc = new Yaml().load(Files.readString(file));
      return doc instanceof Map<?, ?> m ? m : Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object at(Map<?, ?> map, String... keys) {
    Object value = map;
    for (String key : keys) {
      value = value instanceof Map<?, ?> m ? m.get(key) : null;
    }
    return value;
  }

  public Path root() {
    return root;
  }

  public Path vars() {
    return root.resolve("vars");
  }

  public Path terraform() {
    return root.resolve("terraform");
  }

  public Path work() {
    return root.resolve(".parity");
  }

  /** The process environment for parity: this home, plus the caller's. */
  public Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PARITY_HOME", root.toString());
    env.putAll(extra);
    return env;
  }

  public void write(String relative, String content) {
    try {
      Files.createDirectories(root.resolve(relative).getParent());
      Files.writeString(root.resolve(relative), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void append(String relative, String content) {
    try {
      Files.writeString(root.resolve(relative), Files.readString(root.resolve(relative)) + content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    ports.close();
    subnets.close();
    deleteTree(root);
  }

  /** Deletes a directory with everything in it. */
  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
