package dev.parity.toolchain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The tiny Go module through which OpenTofu is built. Since v1.7 OpenTofu's go.mod carries a {@code
 * replace} for its HCL fork; {@code go install pkg@version} refuses modules with replace
 * directives, so a wrapper module requires the pinned tag and repeats its single-line, non-local
 * replace directives.
 */
final class WrapperModule {
  private WrapperModule() {}

  static String goMod(String module, String version, List<String> upstreamGoMod) {
    String goLine =
        upstreamGoMod.stream()
            .map(String::strip)
            .filter(l -> l.startsWith("go "))
            .findFirst()
            .orElse("go 1.21");
    String replaces =
        upstreamGoMod.stream()
            .map(String::strip)
            .filter(l -> l.startsWith("replace ") && !l.contains("=> ./") && !l.contains("=> ../"))
            .collect(Collectors.joining("\n"));
    return "module parity.local/tofu-build\n\n"
        + goLine
        + "\n\nrequire "
        + module
        + " "
        + version
        + "\n\n"
        + replaces
        + "\n";
  }

  static String toolsGo(String mainPackage) {
    return "//go:build tools\n\npackage tools\n\nimport _ \"" + mainPackage + "\"\n";
  }
}
