package dev.parity.terraform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The hand-written plan scanner against a Jackson streaming reader of the same rules, in one JMH
 * run (issue 24: the scanner ships only while it is clearly faster, 1.3x or more). {@code bash
 * bench/plan-readers.sh} runs it twice: warm (average time after warm-up: a long-lived JVM) and
 * cold (one read in a fresh JVM per fork: what {@code parity summarize-plan} and every plan a
 * pipeline reads cost), and writes bench/results-plan-readers.md. PlanSummarizersAgreeTest proves
 * both readers give the same summaries.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlanReadersBenchmark {

  /** One generated plan on disk (BenchPlans), read from the file as the CLI reads a plan. */
  @State(Scope.Benchmark)
  public static class GeneratedPlan {
    @Param({"1000", "10000", "100000"})
    public int changes;

    Path dir;
    Path file;

    @Setup
    public void write() throws IOException {
      dir = Files.createTempDirectory("parity-bench-plan");
      file = BenchPlans.write(dir.resolve("plan.json"), changes);
    }

    @TearDown
    public void remove() throws IOException {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }

    /** A reader that got a different number of changes did other work than was asked. */
    PlanSummary checked(PlanSummary summary) {
      long n = summary.counts().values().stream().mapToLong(Integer::longValue).sum();
      if (n != changes) {
        throw new IllegalStateException("read " + n + " changes of " + changes);
      }
      return summary;
    }
  }

  /**
   * Every document OpenTofu's own tests wrote, in memory: small plans, where start-up cost shows.
   */
  @State(Scope.Benchmark)
  public static class OpenTofuDocuments {
    @Param({"../tests/resources/show-json/opentofu"})
    public String dir;

    List<byte[]> documents = new ArrayList<>();

    /** Every document read by the reader; what it found, so nothing is optimised away. */
    int readAll(PlanReader reader) throws IOException {
      int n = 0;
      for (byte[] d : documents) {
        n += reader.summarize(new ByteArrayInputStream(d)).counts().size();
      }
      return n;
    }

    @Setup
    public void read() throws IOException {
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          documents.add(Files.readAllBytes(f));
        }
      }
      if (documents.size() < 10) {
        throw new IllegalStateException("only " + documents.size() + " documents in " + dir);
      }
    }
  }

  @Benchmark
  public PlanSummary scannerOneThread(GeneratedPlan plan) throws IOException {
    try (InputStream in = Files.newInputStream(plan.file)) {
      return plan.checked(PlanSummarizer.summarize(in));
    }
  }

  /** As parity reads a plan file: in two halves from 8 MiB when there are two cores. */
  @Benchmark
  public PlanSummary scannerAsShipped(GeneratedPlan plan) throws IOException {
    return plan.checked(PlanSummarizer.summarize(plan.file));
  }

  @Benchmark
  public PlanSummary jacksonOneThread(GeneratedPlan plan) throws IOException {
    try (InputStream in = Files.newInputStream(plan.file)) {
      return plan.checked(JacksonPlanSummarizer.summarize(in));
    }
  }

  /** Jackson in two halves the same way. */
  @Benchmark
  public PlanSummary jacksonAsShipped(GeneratedPlan plan) throws IOException {
    return plan.checked(JacksonPlanSummarizer.summarize(plan.file));
  }

  @Benchmark
  public int scannerOpenTofuDocuments(OpenTofuDocuments docs) throws IOException {
    return docs.readAll(PlanSummarizer::summarize);
  }

  @Benchmark
  public int jacksonOpenTofuDocuments(OpenTofuDocuments docs) throws IOException {
    return docs.readAll(JacksonPlanSummarizer::summarize);
  }

  /** One plan reader: the scanner's or Jackson's. */
  interface PlanReader {
    PlanSummary summarize(InputStream in) throws IOException;
  }
}
