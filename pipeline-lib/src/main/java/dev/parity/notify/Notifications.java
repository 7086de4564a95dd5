package dev.parity.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parity.text.SecretMasker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells webhooks once per change of an environment's verdict: newly drifted (what, since when),
 * resolved (by what), errored (the run could not decide), and while it stays drifted or errored a
 * digest at most once a day. What was told lives in the environment's verdict state in the store,
 * so every agent agrees; a message that cannot be delivered is kept there (bounded), named in this
 * run's output and sent by the next run. Sending never throws and never takes long: each message
 * gets a few attempts with a short backoff, and a receiver that is down is not tried again in the
 * same run.
 */
public final class Notifications {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration DIGEST = Duration.ofHours(24);
  static final int ATTEMPTS = 3;
  static final int KEPT = 200;

  /** How long to wait between attempts; tests and the simulated month wait for nothing. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /**
   * A target with its URL resolved; the URL is never printed or stored.
   *
   * @param url the URL, or null when its secret cannot be read
   * @param unavailable why the URL's secret cannot be read, or null
   */
  public record Target(
      String name, String url, String unavailable, String format, List<String> environments) {
    boolean hearsAbout(String environment) {
      return environments.isEmpty() || environments.contains(environment);
    }
  }

  public enum Verdict {
    IN_PARITY("in parity"),
    DRIFTED("drifted"),
    ERRORED("errored");

    final String text;

    Verdict(String text) {
      this.text = text;
    }

    static Verdict of(String text) {
      for (Verdict v : values()) {
        if (v.text.equals(text)) {
          return v;
        }
      }
      return null;
    }
  }

  private final String project;
  private final List<Target> targets;
  private final Webhook webhook;
  private final Clock clock;
  private final Sleeper sleeper;
  private final SecretMasker masker;

  /**
   * The targets of a variable set, each URL read from its secret (an unreadable one is named, not
   * fatal).
   */
  public static Notifications of(
      String project,
      List<dev.parity.vars.NotifyTarget> declared,
      java.util.Map<String, String> env,
      Clock clock) {
    var resolver =
        new dev.parity.secret.SecretResolver(env, (dev.parity.secret.GeneratedSecrets) null);
    List<Target> targets = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    for (var t : declared) {
      var why = resolver.unresolvable(t.url());
      String url = null;
      String unavailable =
          why.map(w -> dev.parity.secret.SecretResolver.missing(t.url(), w)).orElse(null);
      if (why.isEmpty()) {
        try {
          url = resolver.resolveOneLine(t.url(), "a webhook URL");
          urls.add(url);
        } catch (RuntimeException e) {
          unavailable = e.getMessage();
        }
      }
      targets.add(new Target(t.name(), url, unavailable, t.format(), t.environments()));
    }
    return new Notifications(
        project,
        targets,
        Webhook.http(),
        clock,
        d -> Thread.sleep(d.toMillis()),
        SecretMasker.of(urls));
  }

  public Notifications(
      String project,
      List<Target> targets,
      Webhook webhook,
      Clock clock,
      Sleeper sleeper,
      SecretMasker masker) {
    this.project = project;
    this.targets = List.copyOf(targets);
    this.webhook = webhook;
    this.clock = clock;
    this.sleeper = sleeper;
    this.masker = masker;
  }

  /**
   * Records the verdict of a run in the environment's state, queues what it should tell each
   * target, and delivers what is queued. Returns lines for the run's output.
   *
   * @param what the drift left, or the error, one line each
   * @param by what resolved it, when the run repaired it (null when it was found resolved)
   */
  public List<String> after(
      String environment, ObjectNode state, Verdict verdict, List<String> what, String by) {
    Instant now = clock.instant();
    List<String> lines = new ArrayList<>();
    ArrayNode pending = state.withArray("pending");
    if (!pending.isEmpty()) {
      lines.add(
          "notify: "
              + pending.size()
              + " message(s) an earlier run could not deliver ("
              + pending.get(0).path("last_error").asText("not yet tried")
              + "): sending them now");
    }
    Verdict before = Verdict.of(state.path("verdict").asText(null));
    if (before != verdict) {
      state.put("verdict", verdict.text);
      state.put("since", now.toString());
    }
    Instant since = Instant.parse(state.path("since").asText(now.toString()));
    String event = event(before, verdict);
    ObjectNode told = state.with("told");
    for (Target t : targets) {
      if (!t.hearsAbout(environment)) {
        continue;
      }
      String kind = event;
      if (kind == null && verdict != Verdict.IN_PARITY) {
        Instant last = Instant.parse(told.path(t.name()).asText(Instant.EPOCH.toString()));
        kind = Duration.between(last, now).compareTo(DIGEST) >= 0 ? "digest" : null;
      }
      if (kind == null) {
        continue;
      }
      told.put(t.name(), now.toString());
      ObjectNode item = pending.addObject();
      item.put("target", t.name());
      item.put("queued", now.toString());
      item.put("attempts", 0);
      item.set("message", message(environment, kind, verdict, since, what, by, now));
    }
    while (pending.size() > KEPT) {
      lines.add("notify: more than " + KEPT + " undelivered messages: the oldest is dropped");
      pending.remove(0);
    }
    deliver(pending, lines);
    return lines;
  }

  /** The change to tell, or null when there is none (a digest may still be due). */
  private static String event(Verdict before, Verdict now) {
    if (before == now) {
      return null;
    }
    return switch (now) {
      case IN_PARITY -> before == null ? null : "resolved";
      case DRIFTED -> "drifted";
      case ERRORED -> "errored";
    };
  }

  private ObjectNode message(
      String environment,
      String kind,
      Verdict verdict,
      Instant since,
      List<String> what,
      String by,
      Instant now) {
    ObjectNode m = JSON.createObjectNode();
    m.put("schema", "parity/notification-v1");
    m.put("project", project);
    m.put("environment", environment);
    m.put("event", kind);
    m.put("verdict", verdict.text);
    m.put("since", since.toString());
    m.put("at", now.toString());
    ArrayNode w = m.putArray("what");
    what.forEach(line -> w.add(masker.mask(line)));
    if (kind.equals("resolved")) {
      m.put(
          "by",
          by != null ? by : "found in sync by reconcile (changed by something other than parity)");
    }
    m.put("text", masker.mask(text(m)));
    return m;
  }

  /** The one line a person reads: "[shop] prod drifted since 2026-12-01T02:00Z: 1 to update". */
  private static String text(JsonNode m) {
    String where = "[" + m.path("project").asText() + "] " + m.path("environment").asText();
    List<String> what = new ArrayList<>();
    m.path("what").forEach(n -> what.add(n.asText()));
    String first =
        what.isEmpty()
            ? ""
            : ": " + what.get(0) + (what.size() > 1 ? " (and " + (what.size() - 1) + " more)" : "");
    return switch (m.path("event").asText()) {
      case "drifted" -> where + " drifted" + first;
      case "errored" -> where + " reconcile errored (the run could not decide)" + first;
      case "resolved" -> where + " back in parity: " + m.path("by").asText();
      default ->
          where
              + " still "
              + m.path("verdict").asText()
              + " since "
              + m.path("since").asText()
              + first;
    };
  }

  private void deliver(ArrayNode pending, List<String> lines) {
    List<String> down = new ArrayList<>();
    int sent = 0;
    for (int i = 0; i < pending.size(); ) {
      ObjectNode item = (ObjectNode) pending.get(i);
      String name = item.path("target").asText();
      Target t = targets.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
      if (t == null) {
        lines.add("notify: a message for " + name + ", no longer a target, is dropped");
        pending.remove(i);
        continue;
      }
      if (down.contains(name)) {
        i++;
        continue;
      }
      String why = send(t, item.path("message"));
      item.put("attempts", item.path("attempts").asInt() + ATTEMPTS);
      if (why == null) {
        pending.remove(i);
        sent++;
      } else {
        item.put("last_error", why);
        down.add(name);
        lines.add(
            "notify: "
                + name
                + " not reached ("
                + why
                + "): its messages are kept and sent by the next run");
        i++;
      }
    }
    if (sent > 0) {
      lines.add("notify: " + sent + " message(s) sent");
    }
  }

  /** Null when delivered; else why not, masked. */
  private String send(Target t, JsonNode message) {
    if (t.url() == null) {
      return t.unavailable();
    }
    String body = t.format().equals("slack") ? slack(message) : message.toString();
    String why = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        webhook.post(t.url(), body);
        return null;
      } catch (IOException e) {
        why = masker.mask(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
      }
      if (attempt < ATTEMPTS) {
        try {
          sleeper.sleep(Duration.ofMillis(500L << (attempt - 1)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return "interrupted";
        }
      }
    }
    return why;
  }

  /** A Slack-compatible message: the line, then the details as a list. */
  private static String slack(JsonNode message) {
    ObjectNode m = JSON.createObjectNode();
    StringBuilder text = new StringBuilder(message.path("text").asText());
    if (message.path("what").size() > 1) {
      message.path("what").forEach(n -> text.append("\n• ").append(n.asText()));
    }
    m.put("text", text.toString());
    return m.toString();
  }
}
