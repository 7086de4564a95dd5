package dev.parity.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.store.WorkDirStore;
import dev.parity.support.LoopbackReceiver;
import dev.parity.text.SecretMasker;
import dev.parity.workdir.WorkDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A month of nightly reconciles of prod, simulated with a fake clock, told to two real HTTP
 * receivers on loopback (a Slack-compatible one and a JSON one): one message per change of verdict,
 * a digest at most daily while it stays drifted, an errored run told, and a day the receivers are
 * down delivered the next night while every run still finishes. The state lives in a real work-dir
 * store between nights, as it would between agents' runs.
 */
class NotificationsSimulationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "T0KEN-b8d1f0c2";
  private final List<LoopbackReceiver.Received> got = new CopyOnWriteArrayList<>();
  private final List<String> log = new ArrayList<>();
  private LoopbackReceiver server;
  private int port;
  @TempDir Path work;

  /** What both receivers got, each as "PATH BODY", in order. */
  private List<String> received() {
    return got.stream().map(r -> r.path() + " " + r.body()).toList();
  }

  private void startReceiver() throws IOException {
    server = LoopbackReceiver.start(port, got); // the same port after a day down
    port = server.port();
  }

  @AfterEach
  void stopReceiver() {
    if (server != null) {
      server.close();
    }
  }

  private Notifications on(Instant day) {
    String base = "http://127.0.0.1:" + port + "/hooks/" + TOKEN;
    return new Notifications(
        "shop",
        List.of(
            new Notifications.Target("ops-room", base + "/slack", null, "slack", List.of()),
            new Notifications.Target("audit", base + "/json", null, "json", List.of("prod"))),
        Webhook.http(),
        Clock.fixed(day, ZoneOffset.UTC),
        d -> {},
        SecretMasker.of(List.of(base + "/slack", base + "/json")));
  }

  private record Night(Notifications.Verdict verdict, List<String> what, String by) {}

  @Test
  void aMonthOfNightlyRunsTellsOncePerChangeOfVerdictAndCatchesUpAfterADayDown() throws Exception {
    startReceiver();
    WorkDirStore store = new WorkDirStore(new WorkDir(work), Map.of());
    Instant first = Instant.parse("2026-11-01T02:00:00Z");
    Map<Integer, Night> nights =
        Map.of(
            4,
                new Night(
                    Notifications.Verdict.DRIFTED,
                    List.of(
                        "0 to create, 1 to update, 0 to replace, 0 to delete",
                        "prod-db-0: postgresql : settings"),
                    null),
            5,
                new Night(
                    Notifications.Verdict.DRIFTED,
                    List.of("prod-db-0: postgresql : settings"),
                    null),
            6,
                new Night(
                    Notifications.Verdict.DRIFTED,
                    List.of("prod-db-0: postgresql : settings"),
                    null),
            10,
                new Night(
                    Notifications.Verdict.ERRORED,
                    List.of("prod cannot be reconciled: SSH at 10.231.4.10:22 does not answer"),
                    null),
            12,
                new Night(
                    Notifications.Verdict.DRIFTED,
                    List.of("prod-cache-0: memcached 1.6.17, declared 1.6.18"),
                    null));
    for (int day = 1; day <= 30; day++) {
      Instant now = first.plus(Duration.ofDays(day - 1));
      Night night =
          nights.getOrDefault(
              day,
              new Night(
                  Notifications.Verdict.IN_PARITY,
                  List.of(),
                  day == 7
                      ? "repaired by parity reconcile --restore (run by jenkins-shop-reconcile-7)"
                      : null));
      if (day == 11) {
        server.close(); // both receivers down for a day
      }
      if (day == 12) {
        startReceiver();
      }
      int before = got.size();
      ObjectNode state =
          store.verdictState("prod").map(n -> (ObjectNode) n).orElseGet(JSON::createObjectNode);
      List<String> lines = on(now).after("prod", state, night.verdict(), night.what(), night.by());
      store.saveVerdictState("prod", state);
      String today = "day " + day;
      lines.forEach(l -> log.add(today + " output: " + l));
      for (String r : received().subList(before, got.size())) {
        log.add(today + " " + r.replace(TOKEN, "<token>"));
      }
    }
    Path written = Path.of("target", "notify-simulation.log");
    Files.writeString(written, String.join("\n", log) + "\n");

    List<String> events =
        received().stream()
            .filter(r -> r.contains("/json "))
            .map(NotificationsSimulationTest::body)
            .map(m -> m.path("event").asText() + "@" + m.path("at").asText().substring(0, 10))
            .toList();
    assertThat(events)
        .as(
            "the JSON target, in order; the day-11 resolution delivered on day 12, before day 12's drift")
        .containsExactly(
            "drifted@2026-11-04",
            "digest@2026-11-05",
            "digest@2026-11-06",
            "resolved@2026-11-07",
            "errored@2026-11-10",
            "resolved@2026-11-11",
            "drifted@2026-11-12",
            "resolved@2026-11-13");
    assertThat(received().stream().filter(r -> r.contains("/slack ")).count())
        .as("the Slack-compatible target hears the same")
        .isEqualTo(8);
    JsonNode slack = firstBody("/slack ");
    assertThat(slack.fieldNames()).toIterable().containsExactly("text");
    assertThat(slack.path("text").asText())
        .startsWith(
            "[shop] prod drifted: 0 to create, 1 to update, 0 to replace, 0 to delete (and 1 more)")
        .contains("\n• prod-db-0: postgresql : settings");
    JsonNode resolved =
        received().stream()
            .filter(r -> r.contains("/json ") && r.contains("\"resolved\""))
            .map(NotificationsSimulationTest::body)
            .findFirst()
            .orElseThrow();
    assertThat(resolved.path("by").asText())
        .isEqualTo("repaired by parity reconcile --restore (run by jenkins-shop-reconcile-7)");
    assertThat(resolved.path("since").asText()).isEqualTo("2026-11-07T02:00:00Z");
    assertThat(log)
        .as("the day down is said, without the URL, and the run goes on")
        .anySatisfy(l -> assertThat(l).startsWith("day 11 output: notify: ops-room not reached ("))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "day 12 output: notify: 2 message(s) an earlier run could not deliver"))
        .noneSatisfy(l -> assertThat(l).contains(TOKEN));
    assertThat(store.verdictState("prod").orElseThrow().path("pending")).isEmpty();
  }

  private JsonNode firstBody(String kind) {
    return body(received().stream().filter(x -> x.contains(kind)).findFirst().orElseThrow());
  }

  /** The JSON a receiver got, from "PATH BODY". */
  private static JsonNode body(String received) {
    try {
      return JSON.readTree(received.substring(received.indexOf(' ') + 1));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
