package dev.parity.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A provider that a Terraform module declares in {@code required_providers}, and whether the
 * filesystem mirror holds it. Found by reading the {@code .tf} files (no init needed, so doctor
 * works before anything ran).
 *
 * @param source the provider source address, e.g. "hashicorp/local" or
 *     "registry.opentofu.org/hashicorp/local"
 */
public record ProviderRequirement(String source) {
  private static final Pattern BLOCK =
      Pattern.compile("required_providers\\s*\\{(.*?)\\n\\s*}\\s*\\n", Pattern.DOTALL);
  private static final Pattern SOURCE = Pattern.compile("source\\s*=\\s*\"([^\"]+)\"");
  static final String DEFAULT_HOST = "registry.opentofu.org";

  public static List<ProviderRequirement> scan(Path moduleDir) {
    if (!Files.isDirectory(moduleDir)) {
      return List.of();
    }
    List<ProviderRequirement> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(moduleDir)) {
      for (Path tf : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
        Matcher block = BLOCK.matcher(Files.readString(tf));
        while (block.find()) {
          Matcher src = SOURCE.matcher(block.group(1));
          while (src.find()) {
            found.add(new ProviderRequirement(src.group(1)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found.stream().distinct().toList();
  }

  /**
   * The mirror's directory for this provider: host/namespace/type, the layout of a packed
   * filesystem mirror.
   */
  public Path mirrorPath(Path mirror) {
    String[] parts = source.split("/");
    String qualified = parts.length == 3 ? source : DEFAULT_HOST + "/" + source;
    return mirror.resolve(qualified);
  }

  public boolean isMirrored(Path mirror) {
    Path dir = mirrorPath(mirror);
    try (Stream<Path> entries = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }
}
