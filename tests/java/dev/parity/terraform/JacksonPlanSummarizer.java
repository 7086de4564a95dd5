package dev.parity.terraform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plan summary read with Jackson's streaming parser, by the same rules as {@link
 * PlanSummarizer} and in two halves the same way: what the hand-written scanner is measured against
 * (BENCHMARKS.md, plan readers). It lives in the tests because the measurement decides which one
 * ships; PlanSummarizersAgreeTest proves both give the same summaries and refusals.
 */
final class JacksonPlanSummarizer {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Plans from this size are read by two threads when there are two cores (BENCHMARKS.md, plan
   * summary).
   */
  static final long SPLIT_FROM_BYTES = 8L << 20;

  private static final AtomicLong NO_SPLIT = new AtomicLong(-3);

  /**
   * What the second half reads before the plan's own bytes from its start on: the element it starts
   * at is then the first of an array inside an object, and the rest of the document (the end of
   * resource_changes, the root's later fields, its closing brace) reads as it is.
   */
  private static final byte[] SECOND_HALF_PREFIX =
      "{\"resource_changes\":[".getBytes(StandardCharsets.US_ASCII);

  private JacksonPlanSummarizer() {}

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
      return PlanSummarizer.inTwoHalves(showJson, split, HALVES);
    }
    try (InputStream in = buffered(Files.newInputStream(showJson))) {
      return summarize(in);
    }
  }

  public static PlanSummary summarize(InputStream in) throws IOException {
    PlanSummarizer.Builder b = new PlanSummarizer.Builder();
    try (Reader p = new Reader(in, 0)) {
      p.read(() -> document(p, b, NO_SPLIT));
    }
    return b.build();
  }

  /** The same split as the scanner's: only how each half is read differs. */
  private static final PlanSummarizer.Halves HALVES =
      new PlanSummarizer.Halves() {
        @Override
        public void first(Path file, PlanSummarizer.Builder b, AtomicLong split)
            throws IOException {
          try (Reader p = new Reader(buffered(Files.newInputStream(file)), 0)) {
            p.read(() -> document(p, b, split));
          }
        }

        @Override
        public PlanSummarizer.Builder second(Path file, long start, AtomicBoolean abandon)
            throws IOException {
          return secondHalf(file, start, abandon);
        }
      };

  private static PlanSummarizer.Builder secondHalf(Path file, long start, AtomicBoolean abandon)
      throws IOException {
    if (start < 0) {
      return null;
    }
    try (FileChannel channel = FileChannel.open(file)) {
      PlanSummarizer.Builder b = new PlanSummarizer.Builder();
      b.abandon = abandon;
      InputStream rest =
          new SequenceInputStream(
              new ByteArrayInputStream(SECOND_HALF_PREFIX),
              buffered(Channels.newInputStream(channel.position(start))));
      try (Reader p = new Reader(rest, start - SECOND_HALF_PREFIX.length)) {
        p.read(
            () -> {
              p.next(); // the prefix's object
              p.next(); // its field
              eachObject(p, p.next(), () -> resourceChange(p, b, false), b, NO_SPLIT);
              if (!abandon.get()) {
                rootFields(p, b, NO_SPLIT);
              }
            });
      }
      return b;
    }
  }

  /**
   * Large reads from the file: Jackson asks for 8000 bytes at a time, one system call each without
   * this (BENCHMARKS.md, plan readers).
   */
  private static InputStream buffered(InputStream in) {
    return new java.io.BufferedInputStream(in, 1 << 18);
  }

  /**
   * Jackson's parser with the plan's own byte offsets (a second half's parser counts from its
   * prefix), and its syntax errors as plain messages with the byte they were found at: the same
   * message whichever half found them.
   */
  private static final class Reader implements AutoCloseable {
    private final JsonParser parser;
    private final long base;

    Reader(InputStream in, long base) throws IOException {
      this.parser = JSON.createParser(in);
      this.base = base;
    }

    interface Body {
      void run() throws IOException;
    }

    void read(Body body) throws IOException {
      try {
        body.run();
      } catch (JsonProcessingException e) {
        long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
        throw new IOException(
            e.getOriginalMessage() + (at < 0 ? "" : " at byte " + (base + at)), e);
      }
    }

    JsonToken next() throws IOException {
      return parser.nextToken();
    }

    String text() throws IOException {
      return parser.getText();
    }

    /** Where the current token begins in the plan (bytes from its start). */
    long tokenStart() {
      return base + parser.currentTokenLocation().getByteOffset();
    }

    void skipChildren() throws IOException {
      parser.skipChildren();
    }

    @Override
    public void close() throws IOException {
      parser.close();
    }
  }

  /** Reads a plan document from its start (or up to {@code split}, see {@link #inTwoHalves}). */
  private static void document(Reader p, PlanSummarizer.Builder b, AtomicLong split)
      throws IOException {
    if (p.next() != JsonToken.START_OBJECT) {
      throw new IOException("not a plan document: expected a JSON object");
    }
    rootFields(p, b, split);
  }

  /** Reads the root object's fields; the reader is inside it and ends after it. */
  private static void rootFields(Reader p, PlanSummarizer.Builder b, AtomicLong split)
      throws IOException {
    java.util.Set<String> read = new java.util.HashSet<>();
    while (p.next() == JsonToken.FIELD_NAME) {
      String field = p.text();
      JsonToken value = p.next();
      if (java.util.Set.of("resource_changes", "resource_drift", "output_changes", "errored")
              .contains(field)
          && !read.add(field)) {
        throw new IOException("the plan document has \"" + field + "\" twice");
      }
      switch (field) {
        case "resource_changes" ->
            eachObject(p, value, () -> resourceChange(p, b, false), b, split);
        case "resource_drift" ->
            eachObject(p, value, () -> resourceChange(p, b, true), b, NO_SPLIT);
        case "output_changes" -> outputChanges(p, value, b);
        case "errored" -> b.errored = bool(value, "errored");
        default -> p.skipChildren();
      }
      if (b.stopped || b.abandoned()) {
        return;
      }
    }
    if (p.next() != null) {
      throw new IOException("unexpected content after the plan document");
    }
  }

  /** A JSON true or false; any other value is a shape parity does not understand. */
  private static boolean bool(JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
      return value == JsonToken.VALUE_TRUE;
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
      Reader p, JsonToken value, ObjectReader reader, PlanSummarizer.Builder b, AtomicLong split)
      throws IOException {
    // Fail closed: a list of changes in a shape parity does not know could hide a delete from the
    // gate, so it is an error, never "no changes".
    if (value != JsonToken.START_ARRAY) {
      throw new IOException("a list of changes is not a JSON array");
    }
    JsonToken t;
    while ((t = p.next()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
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
   * Reads one resource change object; the reader is on its START_OBJECT and ends on its END_OBJECT.
   * A key parity reads that appears twice is refused: which one counts would be a guess.
   */
  private static void resourceChange(Reader p, PlanSummarizer.Builder b, boolean drift)
      throws IOException {
    String address = null;
    String type = null;
    List<String> actions = null;
    while (p.next() == JsonToken.FIELD_NAME) {
      String field = p.text();
      JsonToken value = p.next();
      switch (field) {
        case "address" -> address = once(address, string(p, value, "address"), "address");
        case "type" -> type = once(type, string(p, value, "type"), "type");
        case "change" -> actions = once(actions, actions(p, value), "change");
        default -> p.skipChildren();
      }
    }
    if (address == null) {
      throw new IOException("a resource change has no \"address\"");
    }
    if (actions == null) {
      throw new IOException("the resource change " + address + " has no \"change\"");
    }
    String action = PlanSummarizer.action(actions, address);
    if (drift) {
      b.addDrift(address, action);
    } else {
      b.add(address, type, action);
    }
  }

  private static <T> T once(T before, T value, String field) throws IOException {
    if (before != null) {
      throw new IOException("a resource change has \"" + field + "\" twice");
    }
    return value;
  }

  private static String string(Reader p, JsonToken value, String field) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw new IOException("a resource change's \"" + field + "\" is not a string");
    }
    return p.text();
  }

  /**
   * Reads a change object for its actions, skipping before/after and every other value; a change
   * without an actions array is a shape parity does not understand.
   */
  private static List<String> actions(Reader p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      throw new IOException("a \"change\" is not a JSON object");
    }
    List<String> actions = null;
    while (p.next() == JsonToken.FIELD_NAME) {
      boolean isActions = p.text().equals("actions");
      JsonToken v = p.next();
      if (!isActions) {
        p.skipChildren();
        continue;
      }
      if (v != JsonToken.START_ARRAY) {
        throw new IOException("\"actions\" is not a JSON array");
      }
      if (actions != null) {
        throw new IOException("a \"change\" has \"actions\" twice");
      }
      actions = new ArrayList<>();
      JsonToken a;
      while ((a = p.next()) != JsonToken.END_ARRAY) {
        if (a != JsonToken.VALUE_STRING) {
          throw new IOException("\"actions\" holds a value that is not a string");
        }
        actions.add(p.text());
      }
    }
    if (actions == null) {
      throw new IOException("a \"change\" has no \"actions\"");
    }
    return actions;
  }

  private static void outputChanges(Reader p, JsonToken value, PlanSummarizer.Builder b)
      throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.next() == JsonToken.FIELD_NAME) {
      String name = p.text();
      b.addOutput(name, PlanSummarizer.action(actions(p, p.next()), "output." + name));
    }
  }
}
