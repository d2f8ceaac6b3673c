package io.dataplatform.bench.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Samples another JVM's heap without JMX: one {@code jstat -gc <pid> <interval>} child process
 * prints a line per interval, read here on a background thread.
 */
public final class HeapSampler implements AutoCloseable {
  private final Process jstat;
  private final Thread reader;
  private final List<HeapSample> samples = new ArrayList<>();
  private final List<String> otherOutput = new ArrayList<>();

  private HeapSampler(Process jstat) {
    this.jstat = jstat;
    this.reader = new Thread(this::readLines, "jstat-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts sampling the JVM {@code pid} every {@code interval}. */
  public static HeapSampler start(long pid, Duration interval) throws IOException {
    Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
    ProcessBuilder builder =
        new ProcessBuilder(jstat.toString(), "-gc", Long.toString(pid), interval.toMillis() + "ms")
            .redirectErrorStream(true);
    return new HeapSampler(builder.start());
  }

  private void readLines() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
      String header = null;
      String line;
      while ((line = lines.readLine()) != null) {
        long now = System.nanoTime();
        if (line.trim().startsWith("S0C")) {
          header = line;
          continue;
        }
        record(header, line, now);
      }
    } catch (IOException e) {
      synchronized (this) {
        otherOutput.add("Cannot read jstat's output: " + e.getMessage());
      }
    }
  }

  private synchronized void record(String header, String line, long now) {
    if (header == null) {
      otherOutput.add(line);
      return;
    }
    try {
      samples.add(HeapSample.parse(header, line, now));
      notifyAll();
    } catch (IllegalArgumentException e) {
      otherOutput.add(e.getMessage());
    }
  }

  /**
   * Waits for a sample taken after this call and returns it.
   *
   * @throws IOException when jstat stops printing samples (wrong pid, other user, no perf data)
   */
  public synchronized HeapSample awaitNext(Duration timeout)
      throws IOException, InterruptedException {
    int seen = samples.size();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (samples.size() == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || (!jstat.isAlive() && !reader.isAlive())) {
        throw new IOException(
            "Cannot sample the heap: no sample from jstat "
                + (jstat.isAlive()
                    ? "within " + timeout.toMillis() + " ms"
                    : "(exit " + jstat.exitValue() + ")")
                + ": "
                + String.join(" ", otherOutput.subList(0, Math.min(2, otherOutput.size()))));
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
    return samples.get(samples.size() - 1);
  }

  /** Every sample taken between the two {@link System#nanoTime()} instants. */
  public synchronized List<HeapSample> between(long fromNanos, long toNanos) {
    return samples.stream()
        .filter(sample -> sample.nanoTime() >= fromNanos && sample.nanoTime() <= toNanos)
        .toList();
  }

  @Override
  public void close() throws InterruptedException {
    jstat.destroy();
    if (!jstat.waitFor(10, TimeUnit.SECONDS)) {
      jstat.destroyForcibly();
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
  }
}
