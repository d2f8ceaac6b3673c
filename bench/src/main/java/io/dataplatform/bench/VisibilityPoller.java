package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks the lake for the highest batch marker it shows ({@code select max(version) from <table>}) on
 * a background thread, one query after another with at least the interval between their starts, and
 * records for every batch the instant ({@link System#nanoTime()}) the first answer that showed it
 * arrived. Batches commit to the lake in source order, so a marker {@code m} shows batches 1 to
 * {@code m}.
 */
final class VisibilityPoller implements AutoCloseable {
  private final Connection lake;
  private final String query;
  private final Duration interval;
  private final long[] visible;
  private final List<Long> roundTrips = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;
  private int highest;

  private VisibilityPoller(Connection lake, String table, Duration interval, int batches) {
    this.lake = requireNonNull(lake, "lake");
    this.query = "select max(version) from " + requireNonNull(table, "table");
    this.interval = requireNonNull(interval, "interval");
    this.visible = new long[batches + 1];
    this.thread = new Thread(this::poll, "visibility-poller");
    thread.setDaemon(true);
  }

  /** Starts polling over the given connection (closed with this poller). */
  static VisibilityPoller start(Connection lake, String table, Duration interval, int batches) {
    VisibilityPoller poller = new VisibilityPoller(lake, table, interval, batches);
    poller.thread.start();
    return poller;
  }

  private void poll() {
    while (!stopped && highestSeen() < visible.length - 1) {
      long started = System.nanoTime();
      try {
        int marker = marker();
        long answered = System.nanoTime();
        record(marker, answered, answered - started);
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

  private int marker() throws SQLException {
    try (PreparedStatement statement = lake.prepareStatement(query);
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getInt(1);
    }
  }

  private synchronized void record(int marker, long answered, long roundTrip) {
    roundTrips.add(roundTrip);
    int last = Math.min(marker, visible.length - 1);
    for (int batch = highest + 1; batch <= last; batch++) {
      visible[batch] = answered;
    }
    highest = Math.max(highest, last);
    notifyAll();
  }

  synchronized int highestSeen() {
    return highest;
  }

  /** Waits until the lake shows every batch; false when the timeout passed first. */
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
