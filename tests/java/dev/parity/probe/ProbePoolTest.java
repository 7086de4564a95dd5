package dev.parity.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Probes against servers on loopback: one that answers memcached's version after a delay, one that
 * accepts and never answers. The bounds are one probe timeout against a sequential cost many times
 * larger.
 */
class ProbePoolTest {
  private final List<ServerSocket> servers = new ArrayList<>();
  private final ExecutorService serverThreads = Executors.newCachedThreadPool();

  @AfterEach
  void stopServers() throws IOException {
    for (ServerSocket s : servers) {
      s.close();
    }
    serverThreads.shutdownNow();
  }

  /**
   * A loopback server answering "VERSION 1.6.18" after the delay, or never when the delay is null.
   */
  private int server(Duration delay) throws IOException {
    ServerSocket server = new ServerSocket(0, 200);
    servers.add(server);
    serverThreads.submit(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket s = server.accept();
              serverThreads.submit(
                  () -> {
                    try (s;
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream()) {
                      in.read(new byte[64]);
                      if (delay == null) {
                        Thread.sleep(60_000);
                      }
                      Thread.sleep(delay.toMillis());
                      out.write("VERSION 1.6.18\r\n".getBytes(StandardCharsets.US_ASCII));
                      out.flush();
                    } catch (Exception ignored) {
                      // the test is over
                    }
                    return null;
                  });
            } catch (IOException closed) {
              return null;
            }
          }
          return null;
        });
    return server.getLocalPort();
  }

  @Test
  void aHundredProbesInParallelFinishWithinOneTimeoutAndAHungOneFailsAlone() throws Exception {
    int slow = server(Duration.ofMillis(300));
    int hung = server(null);
    List<VersionProbe> probes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      probes.add(Probes.memcached("127.0.0.1", slow));
    }
    probes.add(50, Probes.memcached("127.0.0.1", hung));
    Duration timeout = Duration.ofSeconds(3);

    long start = System.nanoTime();
    List<Observation> seen = new ProbePool(ProbePool.DEFAULT_THREADS).observeAll(probes, timeout);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(seen).hasSize(101);
    assertThat(seen.get(50).reachable()).isFalse();
    assertThat(seen.get(50).error()).containsIgnoringCase("timed out");
    List<Observation> others = new ArrayList<>(seen);
    others.remove(50);
    assertThat(others).allSatisfy(o -> assertThat(o.version()).isEqualTo("1.6.18"));
    assertThat(others)
        .allSatisfy(
            o -> assertThat(o.took()).as("not delayed by the hung one").isLessThan(timeout));
    // Sequentially these would take 100 x 300 ms + 3 s = 33 s.
    assertThat(took).isLessThan(timeout.plusSeconds(2));
  }

  @Test
  void aClosedPortIsUnreachableWithTheReason() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Observation o = Probes.memcached("127.0.0.1", port).observe(Duration.ofSeconds(2));
    assertThat(o.reachable()).isFalse();
    assertThat(o.error()).containsIgnoringCase("refused");
    assertThat(Probes.tcp("127.0.0.1", port).observe(Duration.ofSeconds(2)).reachable()).isFalse();
  }

  @Test
  void aCommandProbeReadsTheVersionWithItsRegex() {
    Observation o =
        Probes.command(
                new dev.parity.process.ExecProcessRunner(),
                List.of("sh", "-c", "echo 'server v2.4.1 ready'"),
                "v(\\d+\\.\\d+\\.\\d+)")
            .observe(Duration.ofSeconds(5));
    assertThat(o.version()).isEqualTo("2.4.1");
  }
}
