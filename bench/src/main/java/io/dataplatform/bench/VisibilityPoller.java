package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks the lake how many rows carry each batch marker above the highest batch complete so far
 * ({@code select version, count(*) ... group by version}) on a background thread, one query after
 * another with at least the interval between their starts, and records for every batch of a round
 * (markers {@code offset + 1} to {@code offset + batches}) the instant ({@link System#nanoTime()})
 * the first answer that showed all its rows arrived.
 */
final class VisibilityPoller implements AutoCloseable {
  private final Connection lake;
  private final String table;
  private final int offset;
  private final int batchRows;
  private final Duration interval;
  private final long[] visible;
  private final List<Long> roundTrips = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;
  private int partialAnswers;
  private int highest;

  private VisibilityPoller(
      Connection lake, String table, Duration interval, int offset, int batches, int batchRows) {
    this.lake = requireNonNull(lake, "lake");
    this.table = requireNonNull(table, "table");
    this.offset = offset;
    this.batchRows = batchRows;
    this.interval = requireNonNull(interval, "interval");
    this.visible = new long[batches + 1];
    this.thread = new Thread(this::poll, "visibility-poller");
    thread.setDaemon(true);
  }

  /**
   * Starts polling over the given connection (closed with this poller) for the batches with markers
   * {@code offset + 1} to {@code offset + batches}, numbered 1 to {@code batches} in its figures.
   */
  static VisibilityPoller start(
      Connection lake, String table, Duration interval, int offset, int batches, int batchRows) {
    VisibilityPoller poller =
        new VisibilityPoller(lake, table, interval, offset, batches, batchRows);
    poller.thread.start();
    return poller;
  }

  private void poll() {
    while (!stopped && highestSeen() < visible.length - 1) {
      long started = System.nanoTime();
      try {
        Map<Integer, Long> counts = counts(highestSeen());
        long answered = System.nanoTime();
        record(counts, answered, answered - started);
      } catch (SQLException | RuntimeException e) {
        synchronized (this) {
          if (errors.size() < 20) {
            errors.add(e.getMessage());
          }
        }
      }
      long wait = started + interval.toNanos() - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Rows per batch of this round above batch {@code complete}. */
  private Map<Integer, Long> counts(int complete) throws SQLException {
    Map<Integer, Long> counts = new HashMap<>();
    String query =
        "select version, count(*) from "
            + table
            + " where version > "
            + (offset + complete)
            + " group by version";
    try (PreparedStatement statement = lake.prepareStatement(query);
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        counts.put(result.getInt(1) - offset, result.getLong(2));
      }
    }
    return counts;
  }

  private synchronized void record(Map<Integer, Long> counts, long answered, long roundTrip) {
    roundTrips.add(roundTrip);
    if (counts.values().stream().anyMatch(count -> count < batchRows)) {
      partialAnswers++;
    }
    for (Map.Entry<Integer, Long> count : counts.entrySet()) {
      int batch = count.getKey();
      if (batch >= 1
          && batch < visible.length
          && visible[batch] == 0
          && count.getValue() >= batchRows) {
        visible[batch] = answered;
      }
    }
    while (highest < visible.length - 1 && visible[highest + 1] != 0) {
      highest++;
    }
    notifyAll();
  }

  /** The highest batch that is complete with every batch before it. */
  synchronized int highestSeen() {
    return highest;
  }

  /** Waits until the lake shows every batch complete; false when the timeout passed first. */
  synchronized boolean awaitAll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (highest < visible.length - 1) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
    }
    return true;
  }

  /** Per batch (index 1 on), when it was first seen; 0 for a batch not seen. */
  synchronized long[] visibleAt() {
    return visible.clone();
  }

  /** Round trips of the marker query in nanoseconds, sorted. */
  synchronized long[] roundTrips() {
    long[] sorted = roundTrips.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  /** Answers that showed some batch with only part of its rows (part of a source transaction). */
  synchronized int partialAnswers() {
    return partialAnswers;
  }

  synchronized List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() throws SQLException, InterruptedException {
    stopped = true;
    thread.interrupt();
    thread.join(TimeUnit.SECONDS.toMillis(30));
    lake.close();
  }
}
