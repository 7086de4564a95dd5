package dev.parity.support;

import dev.parity.toolchain.ServiceUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real memcached on a loopback port, run as the service user, stopped by {@link #close()}. */
public final class LocalMemcached implements AutoCloseable {
  private final Process process;
  private final int port;

  private LocalMemcached(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static LocalMemcached start() throws IOException {
    String memcached = RequiredTools.require("memcached").toString();
    int port = LocalPostgres.freePort();
    ServiceUser user = ServiceUser.current();
    List<String> argv =
        new ArrayList<>(
            List.of(memcached, "-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0"));
    if (user.switchTo()) {
      argv.addAll(List.of("-u", user.name()));
    }
    Process p =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    LocalMemcached m = new LocalMemcached(p, port);
    try {
      org.awaitility.Awaitility.await("memcached listens on " + port)
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                try (Socket s = new Socket()) {
                  s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                  return true;
                } catch (IOException notYet) {
                  if (!p.isAlive()) {
                    throw new IOException(
                        "memcached exited with " + p.exitValue() + " before listening on " + port);
                  }
                  return false;
                }
              });
      return m;
    } catch (RuntimeException e) { // timed out, or the condition threw (memcached exited)
      m.close();
      throw new IOException("memcached did not listen on " + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sends {@code version} over the text protocol and returns the reply line, e.g. "VERSION 1.6.18".
   */
  public String version() throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
