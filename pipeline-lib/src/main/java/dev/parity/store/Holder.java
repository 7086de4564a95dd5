package dev.parity.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Who holds an environment lock, as recorded beside it and named to whoever waits for it. */
final class Holder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Holder() {}

  /** This process as a holder: command, pid, user, host, since, and the Jenkins build if any. */
  static String of(String command, Map<String, String> env) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("command", command);
    info.put("pid", ProcessHandle.current().pid());
    info.put("user", System.getProperty("user.name"));
    info.put("host", hostName());
    info.put("since", Instant.now().toString());
    if (env.get("BUILD_TAG") != null) {
      info.put("build", env.get("BUILD_TAG"));
    }
    try {
      return JSON.writeValueAsString(info);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }

  /** "parity deploy (pid 12, user jenkins on agent-2, Jenkins build x, since ...)". */
  static String describe(String holder) {
    try {
      JsonNode n = JSON.readTree(holder);
      return "parity "
          + n.path("command").asText()
          + " (pid "
          + n.path("pid").asText()
          + ", user "
          + n.path("user").asText()
          + " on "
          + n.path("host").asText()
          + (n.has("build") ? ", Jenkins build " + n.path("build").asText() : "")
          + ", since "
          + n.path("since").asText()
          + ")";
    } catch (IOException | RuntimeException e) {
      return "an unknown holder";
    }
  }

  static String lockedMessage(String environment, String holder, String where) {
    return "environment "
        + environment
        + " is locked by another parity run: "
        + describe(holder)
        + " ("
        + where
        + "); wait for it to finish (the lock is released when that process ends)";
  }
}
