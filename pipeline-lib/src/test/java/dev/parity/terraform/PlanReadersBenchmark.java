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
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The plan reader parity ships (Jackson's streaming parser) in one thread and as shipped (a large
 * plan in two halves), on generated plans and OpenTofu's own documents. {@code bash
 * bench/plan-readers.sh} runs it and writes bench/results-plan-readers.md. It measured the
 * hand-written scanner that reader replaced (BENCHMARKS.md, plan readers: the decision).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlanReadersBenchmark {

  /** One generated plan on disk (BenchPlans), read from the file as the CLI reads a plan. */
  @State(Scope.Benchmark)
  public static class GeneratedPlan {
    @Param({"1000", "10000", "100000"})
    public int changes;

    Path dir;
    Path file;
    long expectedChanges;

    @Setup
    public void write() throws IOException {
      dir = Files.createTempDirectory("parity-bench-plan");
      file = BenchPlans.write(dir.resolve("plan.json"), changes);
      expectedChanges = changes;
    }

    @TearDown
    public void remove() throws IOException {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }

    /** A reader that got a different number of changes did other work than was asked. */
    PlanSummary checked(PlanSummary summary) {
      long n = summary.counts().values().stream().mapToLong(Integer::longValue).sum();
      if (n != expectedChanges) {
        throw new IllegalStateException("read " + n + " changes of " + expectedChanges);
      }
      return summary;
    }
  }

  /**
   * Every document OpenTofu's own tests wrote, in memory: small plans, where start-up cost shows.
   */
  @State(Scope.Benchmark)
  public static class OpenTofuDocuments {
    @Param({"src/test/resources/show-json/opentofu"})
    public String dir;

    List<byte[]> documents = new ArrayList<>();

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
  public PlanSummary oneThread(GeneratedPlan plan) throws IOException {
    try (InputStream in = Files.newInputStream(plan.file)) {
      return plan.checked(PlanSummarizer.summarize(in));
    }
  }

  /** As parity reads a plan file: in two halves from 8 MiB when there are two cores. */
  @Benchmark
  public PlanSummary asShipped(GeneratedPlan plan) throws IOException {
    return plan.checked(PlanSummarizer.summarize(plan.file));
  }

  @Benchmark
  public int openTofuDocuments(OpenTofuDocuments docs) throws IOException {
    int n = 0;
    for (byte[] d : docs.documents) {
      n += PlanSummarizer.summarize(new ByteArrayInputStream(d)).counts().size();
    }
    return n;
  }
}
