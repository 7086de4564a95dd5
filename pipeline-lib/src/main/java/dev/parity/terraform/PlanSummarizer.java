package dev.parity.terraform;

import dev.parity.terraform.JsonScanner.Token;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a {@code show -json} plan as a stream: it keeps only addresses, types and actions, and
 * skips every before/after value byte by byte without building it ({@link JsonScanner}), so memory
 * stays flat however large the plan, and no attribute value (sensitive or not) is ever held.
 */
public final class PlanSummarizer {
  /**
   * The keys read in a resource change (address, type, change) and in its change (actions); all
   * else is skipped.
   */
  private static final byte[][] RESOURCE_KEYS = {ascii("address"), ascii("type"), ascii("change")};

  private static final byte[][] ACTIONS_KEY = {ascii("actions")};

  /**
   * Plans from this size are read by two threads when there are two cores (BENCHMARKS.md, plan
   * summary).
   */
  static final long SPLIT_FROM_BYTES = 8L << 20;

  private static final AtomicLong NO_SPLIT = new AtomicLong(-3);

  private PlanSummarizer() {}

  public static PlanSummary summarize(Path showJson) throws IOException {
    return summarize(
        showJson,
        Runtime.getRuntime().availableProcessors() > 1 ? SPLIT_FROM_BYTES : Long.MAX_VALUE,
        new AtomicBoolean());
  }

  /**
   * As {@link #summarize(Path)}; splits from {@code splitFrom} bytes and says in {@code split}
   * whether it did.
   */
  static PlanSummary summarize(Path showJson, long splitFrom, AtomicBoolean split)
      throws IOException {
    if (Files.size(showJson) >= splitFrom) {
      return inTwoHalves(showJson, split, SCANNER_HALVES);
    }
    try (InputStream in = Files.newInputStream(showJson)) {
      return summarize(in);
    }
  }

  public static PlanSummary summarize(InputStream in) throws IOException {
    Builder b = new Builder();
    try (JsonScanner p = new JsonScanner(in)) {
      document(p, b, NO_SPLIT);
    }
    return b.build();
  }

  /**
   * A large plan read by two threads: the second starts at the first resource change after the middle of the file,
   * guessed from its bytes ({@code {"address"}); the first reads from the start and, if it reaches that very byte as
   * the start of an element of resource_changes, stops there and takes the second's result. A wrong guess (those
   * bytes inside some value) is never reached as an element start: the first then reads on to the end alone. Either
   * way the result is exactly that of one sequential read.
   */
  static PlanSummary inTwoHalves(Path file, AtomicBoolean wasSplit, Halves halves)
      throws IOException {
    // The guess is made before either half starts: the first half must know where to stop before it
    // gets there (found by a loaded machine, where the second thread started late and the first
    // read on alone).
    long start;
    try (FileChannel channel = FileChannel.open(file)) {
      start = elementStartAfter(channel, channel.size() / 2);
    }
    AtomicLong split = new AtomicLong(start);
    AtomicBoolean abandon = new AtomicBoolean();
    CompletableFuture<Builder> second = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                second.complete(halves.second(file, start, abandon));
              } catch (Throwable e) {
                second.completeExceptionally(e);
              }
            },
            "plan-summary-second-half");
    reader.setDaemon(true);
    reader.start();
    Builder first = new Builder();
    try {
      halves.first(file, first, split);
    } finally {
      if (!first.stopped) {
        abandon.set(true);
      }
    }
    if (!first.stopped) {
      return first.build();
    }
    wasSplit.set(true);
    try {
      return first.append(second.join()).build();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }

  /** How a reader reads each half of a split plan (the scanner; the benchmark's Jackson reader). */
  interface Halves {
    /** Reads from the document's start, stopping before the element that starts at split. */
    void first(Path file, Builder b, AtomicLong split) throws IOException;

    /**
     * Reads from the element at byte {@code start} of resource_changes to the end (null for -1, no
     * element found), giving up once {@code abandon} is set.
     */
    Builder second(Path file, long start, AtomicBoolean abandon) throws IOException;
  }

  private static final Halves SCANNER_HALVES =
      new Halves() {
        @Override
        public void first(Path file, Builder b, AtomicLong split) throws IOException {
          try (JsonScanner p = new JsonScanner(Files.newInputStream(file))) {
            document(p, b, split);
          }
        }

        @Override
        public Builder second(Path file, long start, AtomicBoolean abandon) throws IOException {
          return secondHalf(file, start, abandon);
        }
      };

  private static Builder secondHalf(Path file, long start, AtomicBoolean abandon)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      if (start < 0) {
        return null;
      }
      Builder b = new Builder();
      b.abandon = abandon;
      try (JsonScanner p =
          JsonScanner.insideRootArray(Channels.newInputStream(channel.position(start)), start)) {
        eachObject(p, Token.START_ARRAY, () -> resourceChange(p, b, false), b, NO_SPLIT);
        if (!abandon.get()) {
          rootFields(p, b, NO_SPLIT);
        }
      }
      return b;
    }
  }

  /** The offset of the first {@code {"address"} after {@code from} that follows a ',', or -1. */
  private static long elementStartAfter(FileChannel channel, long from) throws IOException {
    byte[] key = ascii("\"address\"");
    ByteBuffer window = ByteBuffer.allocate(1 << 16);
    for (long at = from; at < channel.size(); at += window.capacity() - 64) {
      window.clear();
      int n = channel.read(window, at);
      byte[] b = window.array();
      for (int i = 0; i + key.length <= n; i++) {
        if (b[i] == '"' && Arrays.equals(b, i, i + key.length, key, 0, key.length)) {
          int open = i - 1;
          while (open >= 0 && JsonScanner.isSpace(b[open])) {
            open--;
          }
          int comma = open - 1;
          while (comma >= 0 && JsonScanner.isSpace(b[comma])) {
            comma--;
          }
          if (open >= 0 && b[open] == '{' && comma >= 0 && b[comma] == ',') {
            return at + open;
          }
        }
      }
      if (n < window.capacity()) {
        break;
      }
    }
    return -1;
  }

  /** Reads a plan document from its start (or up to {@code split}, see {@link #inTwoHalves}). */
  private static void document(JsonScanner p, Builder b, AtomicLong split) throws IOException {
    if (p.next() != Token.START_OBJECT) {
      throw new IOException("not a plan document: expected a JSON object");
    }
    rootFields(p, b, split);
  }

  /** Reads the root object's fields; the scanner is inside it and ends after it. */
  private static void rootFields(JsonScanner p, Builder b, AtomicLong split) throws IOException {
    java.util.Set<String> read = new java.util.HashSet<>();
    while (p.next() == Token.FIELD_NAME) {
      String field = p.text();
      Token value = p.next();
      // a key parity reads, given twice, would let the second hide the first ("errored")
      if (READ_AT_ROOT.contains(field) && !read.add(field)) {
        throw new IOException("the plan document has \"" + field + "\" twice");
      }
      switch (field) {
        case "resource_changes" ->
            eachObject(p, value, () -> resourceChange(p, b, false), b, split);
        case "resource_drift" ->
            eachObject(p, value, () -> resourceChange(p, b, true), b, NO_SPLIT);
        case "output_changes" -> outputChanges(p, value, b);
        case "errored" -> b.errored = bool(p, value, "errored");
        default -> p.skipChildren();
      }
      if (b.stopped || b.abandoned()) {
        return;
      }
    }
    if (p.next() != Token.END) {
      throw new IOException("unexpected content after the plan document");
    }
  }

  private static final java.util.Set<String> READ_AT_ROOT =
      java.util.Set.of("resource_changes", "resource_drift", "output_changes", "errored");

  /** A JSON true or false; any other value is a shape parity does not understand. */
  private static boolean bool(JsonScanner p, Token value, String field) throws IOException {
    if (value == Token.SCALAR && (p.text().equals("true") || p.text().equals("false"))) {
      return p.text().equals("true");
    }
    throw new IOException("\"" + field + "\" is not true or false");
  }

  private interface ObjectReader {
    void read() throws IOException;
  }

  /**
   * Reads an array of objects; stops before the element that starts at {@code split} (b.stopped).
   */
  private static void eachObject(
      JsonScanner p, Token value, ObjectReader reader, Builder b, AtomicLong split)
      throws IOException {
    // Fail closed: a list of changes in a shape parity does not know could hide a delete from the
    // gate, so it is an error, never "no changes".
    if (value != Token.START_ARRAY) {
      throw new IOException("a list of changes is not a JSON array");
    }
    Token t;
    while ((t = p.next()) != Token.END_ARRAY) {
      if (t != Token.START_OBJECT) {
        throw new IOException("an element of a list of changes is not a JSON object");
      }
      if (p.tokenStart() == split.get()) {
        b.stopped = true;
        return;
      }
      reader.read();
      if (b.abandoned()) {
        return;
      }
    }
  }

  /**
   * Reads one resource change object; the parser is on its START_OBJECT and ends on its END_OBJECT.
   */
  private static void resourceChange(JsonScanner p, Builder b, boolean drift) throws IOException {
    String address = null;
    String type = null;
    List<String> actions = null;
    while (p.next() == Token.FIELD_NAME) {
      int field = p.field(RESOURCE_KEYS);
      Token value = p.next();
      switch (field) {
        case 0 -> address = once(address, string(p, value, "address"), "address");
        case 1 -> type = once(type, string(p, value, "type"), "type");
        case 2 -> actions = once(actions, actions(p, value), "change");
        default -> p.skipChildren();
      }
    }
    if (address == null) {
      throw new IOException("a resource change has no \"address\"");
    }
    if (actions == null) {
      throw new IOException("the resource change " + address + " has no \"change\"");
    }
    String action = action(actions, address);
    if (drift) {
      b.addDrift(address, action);
    } else {
      b.add(address, type, action);
    }
  }

  /** A key parity reads that appears twice is refused: which one counts would be a guess. */
  private static <T> T once(T before, T value, String field) throws IOException {
    if (before != null) {
      throw new IOException("a resource change has \"" + field + "\" twice");
    }
    return value;
  }

  private static String string(JsonScanner p, Token value, String field) throws IOException {
    if (value != Token.STRING) {
      throw new IOException("a resource change's \"" + field + "\" is not a string");
    }
    return p.text();
  }

  /**
   * Reads a change object for its actions, skipping before/after and every other value; a change
   * without an actions array is a shape parity does not understand.
   */
  private static List<String> actions(JsonScanner p, Token value) throws IOException {
    if (value != Token.START_OBJECT) {
      throw new IOException("a \"change\" is not a JSON object");
    }
    List<String> actions = null;
    while (p.next() == Token.FIELD_NAME) {
      boolean isActions = p.field(ACTIONS_KEY) == 0;
      Token v = p.next();
      if (isActions) {
        if (v != Token.START_ARRAY) {
          throw new IOException("\"actions\" is not a JSON array");
        }
        if (actions != null) {
          throw new IOException("a \"change\" has \"actions\" twice");
        }
        actions = new ArrayList<>();
        Token a;
        while ((a = p.next()) != Token.END_ARRAY) {
          if (a != Token.STRING) {
            throw new IOException("\"actions\" holds a value that is not a string");
          }
          actions.add(p.text());
        }
      } else {
        p.skipChildren();
      }
    }
    if (actions == null) {
      throw new IOException("a \"change\" has no \"actions\"");
    }
    return actions;
  }

  private static void outputChanges(JsonScanner p, Token value, Builder b) throws IOException {
    if (value != Token.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.next() == Token.FIELD_NAME) {
      String name = p.text();
      b.addOutput(name, action(actions(p, p.next()), "output." + name));
    }
  }

  private static byte[] ascii(String key) {
    return key.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * The single actions the engines write (OpenTofu 1.6-1.11 and Terraform 1.5+): {@code forget}
   * since OpenTofu 1.7 and Terraform 1.7 (a removed block), {@code open} for an ephemeral resource
   * (read for the run, never stored: counted, never a change).
   */
  private static final java.util.Set<String> ACTIONS =
      java.util.Set.of("no-op", "create", "read", "update", "delete", "forget", "open");

  /**
   * The pairs the engines write, all of them replaces: delete and create in either order, and a
   * replace whose old object is forgotten instead of destroyed ({@code lifecycle { destroy = false
   * }}: Terraform's create then forget, OpenTofu's forget then create). The gate asks for these as
   * for any replace.
   */
  private static final java.util.Set<List<String>> REPLACES =
      java.util.Set.of(
          List.of("delete", "create"),
          List.of("create", "delete"),
          List.of("create", "forget"),
          List.of("forget", "create"));

  /**
   * One word for an action list: a known action, or replace for one of {@link #REPLACES}. Anything
   * else (an unknown action or pair, a repeat, an empty list) is an error: a summary that guessed
   * could hide a delete from the gate.
   */
  static String action(List<String> actions, String address) throws IOException {
    if (REPLACES.contains(actions)) {
      return "replace";
    }
    if (actions.size() == 1 && ACTIONS.contains(actions.get(0))) {
      return actions.get(0);
    }
    throw new IOException(
        "the change of "
            + address
            + " has actions "
            + actions
            + ", which parity does not understand (expected one of "
            + new java.util.TreeSet<>(ACTIONS)
            + ", or one of the replaces "
            + REPLACES.stream().map(Object::toString).sorted().toList()
            + ")");
  }

  /**
   * What a summary is built from, change by change; shared with the Jackson reader the bench
   * measures this one against.
   */
  static final class Builder {
    final SortedMap<String, Integer> counts = new TreeMap<>();
    final SortedMap<String, SortedMap<String, Integer>> byType = new TreeMap<>();
    final List<String> creates = new ArrayList<>();
    final List<String> updates = new ArrayList<>();
    final List<String> forgets = new ArrayList<>();
    final List<String> deletes = new ArrayList<>();
    final List<String> replaces = new ArrayList<>();
    final SortedMap<String, String> outputs = new TreeMap<>();
    final SortedMap<String, String> drift = new TreeMap<>();
    final java.util.Set<String> addresses = new java.util.HashSet<>();
    boolean errored;

    /** The first half reached the second half's start and stopped there. */
    boolean stopped;

    /** Set for the second half when the first half read the whole plan itself. */
    AtomicBoolean abandon = new AtomicBoolean();

    boolean abandoned() {
      return abandon.get();
    }

    /** This (the first half) followed by the second half. */
    Builder append(Builder second) throws IOException {
      for (String address : second.addresses) {
        if (addresses.contains(address)) {
          throw twice(address);
        }
      }
      addresses.addAll(second.addresses);
      second.counts.forEach((a, n) -> counts.merge(a, n, Integer::sum));
      second.byType.forEach(
          (type, actions) ->
              actions.forEach(
                  (a, n) ->
                      byType
                          .computeIfAbsent(type, t -> new TreeMap<>())
                          .merge(a, n, Integer::sum)));
      creates.addAll(second.creates);
      updates.addAll(second.updates);
      forgets.addAll(second.forgets);
      deletes.addAll(second.deletes);
      replaces.addAll(second.replaces);
      outputs.putAll(second.outputs);
      drift.putAll(second.drift);
      errored |= second.errored;
      return this;
    }

    /**
     * One resource change. An address listed twice is refused: which of its changes the engine
     * applies would be a guess, and one of them could be a delete.
     */
    void add(String address, String type, String action) throws IOException {
      if (!addresses.add(address)) {
        throw twice(address);
      }
      counts.merge(action, 1, Integer::sum);
      byType
          .computeIfAbsent(type == null ? "?" : type, t -> new TreeMap<>())
          .merge(action, 1, Integer::sum);
      switch (action) {
        case "create" -> creates.add(address);
        case "update" -> updates.add(address);
        case "forget" -> forgets.add(address);
        case "delete" -> deletes.add(address);
        case "replace" -> replaces.add(address);
        default -> {
          // read and no-op change nothing: counted only
        }
      }
    }

    void addDrift(String address, String action) throws IOException {
      if (drift.putIfAbsent(address, action) != null) {
        throw new IOException("the resource drift lists " + address + " twice");
      }
    }

    void addOutput(String name, String action) throws IOException {
      if (outputs.putIfAbsent(name, action) != null) {
        throw new IOException("the output changes list " + name + " twice");
      }
    }

    private static IOException twice(String address) {
      return new IOException("the plan lists the resource change " + address + " twice");
    }

    PlanSummary build() {
      return new PlanSummary(
          counts, byType, creates, updates, forgets, deletes, replaces, outputs, drift, errored);
    }
  }
}
