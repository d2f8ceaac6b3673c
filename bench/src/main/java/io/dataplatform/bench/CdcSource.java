package io.dataplatform.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The PostgreSQL side of the CDC benchmark, on the test server of {@code .ci/postgres-start}
 * (127.0.0.1:5432, role dp): database {@value #DATABASE} with table {@code items (id BIGINT PRIMARY
 * KEY, version INTEGER, amount BIGINT, note TEXT)}, updated in numbered batches whose number is
 * written to {@code version}.
 */
final class CdcSource {
  static final String DATABASE = "dp_bench_cdc";

  /** The query both sides answer alike when they hold the same rows: count, sum, digest. */
  static final String CHECKSUM =
      "select count(*), sum(version), sum(amount),"
          + " md5(string_agg(concat_ws(':', id, version, amount, note), ',' order by id))"
          + " from %s";

  private final long rows;

  CdcSource(long rows) {
    if (rows < 1) {
      throw new IllegalArgumentException(
          "Cannot create the source: rows must be positive (" + rows + ")");
    }
    this.rows = rows;
  }

  static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "dp", "dp");
  }

  /** Drops what an earlier run left (its slots too) and creates the table with its rows. */
  void create() throws SQLException {
    dropDatabase();
    try (Connection admin = connect("postgres");
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + DATABASE);
    }
    try (Connection connection = connect(DATABASE);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE items (id BIGINT PRIMARY KEY, version INTEGER NOT NULL,"
              + " amount BIGINT NOT NULL, note TEXT NOT NULL)");
      statement.execute(
          "INSERT INTO items SELECT i, 0, (i * 7919) % 100000, md5(i::text)"
              + " FROM generate_series(1::bigint, "
              + rows
              + ") AS i");
      statement.execute("ANALYZE items");
    }
  }

  /** Drops the database after dropping the replication slots on it that no one uses. */
  void dropDatabase() throws SQLException {
    try (Connection admin = connect("postgres");
        Statement statement = admin.createStatement()) {
      statement.execute(
          "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
              + " WHERE database = '"
              + DATABASE
              + "' AND NOT active");
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
  }

  /** Waits until some replication slot on the database is active (a change reader follows it). */
  Duration awaitActiveSlot(Duration timeout, BooleanSupplier stillWorthWaiting)
      throws SQLException, InterruptedException {
    long started = System.nanoTime();
    try (Connection admin = connect("postgres");
        PreparedStatement active =
            admin.prepareStatement(
                "SELECT count(*) FROM pg_replication_slots WHERE database = ? AND active")) {
      active.setString(1, DATABASE);
      while (true) {
        try (ResultSet result = active.executeQuery()) {
          result.next();
          if (result.getLong(1) > 0) {
            return Duration.ofNanos(System.nanoTime() - started);
          }
        }
        if (System.nanoTime() - started > timeout.toNanos() || !stillWorthWaiting.getAsBoolean()) {
          throw new IllegalStateException(
              "Cannot see the change reader: no active replication slot on "
                  + DATABASE
                  + " after "
                  + Duration.ofNanos(System.nanoTime() - started).toMillis()
                  + " ms");
        }
        Thread.sleep(50);
      }
    }
  }

  /**
   * Applies {@code batches} transactions of {@code batchRows} updates each, batch {@code b} (from
   * {@code firstBatch}) setting {@code version = b} on the next {@code batchRows} ids (wrapping
   * around the table, batch 1 starting at id 1), and returns each transaction's commit instant
   * ({@link System#nanoTime()} when COMMIT returned) at index {@code b - firstBatch + 1}. With a
   * positive {@code rate} (changes per second) the {@code i}-th transaction starts no earlier than
   * {@code (i - 1) * batchRows / rate} seconds after the first.
   */
  long[] applyUpdates(int firstBatch, int batches, int batchRows, double rate) throws SQLException {
    long[] commits = new long[batches + 1];
    try (Connection connection = connect(DATABASE);
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE items SET version = ?, amount = amount + ? WHERE id = ANY (?)")) {
      connection.setAutoCommit(false);
      long first = System.nanoTime();
      long next = (long) (firstBatch - 1) * batchRows;
      for (int batch = 1; batch <= batches; batch++) {
        if (rate > 0) {
          pace(first + (long) ((batch - 1) * (double) batchRows / rate * 1e9));
        }
        Long[] ids = new Long[batchRows];
        for (int i = 0; i < batchRows; i++) {
          ids[i] = next % rows + 1;
          next++;
        }
        Array array = connection.createArrayOf("bigint", ids);
        update.setInt(1, firstBatch - 1 + batch);
        update.setLong(2, firstBatch - 1 + batch);
        update.setArray(3, array);
        update.executeUpdate();
        connection.commit();
        commits[batch] = System.nanoTime();
        array.free();
      }
    }
    return commits;
  }

  private static void pace(long due) {
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Cannot pace the updates: interrupted", e);
      }
    }
  }

  /** The {@link #CHECKSUM} of the source table. */
  Checksum checksum() throws SQLException {
    try (Connection connection = connect(DATABASE)) {
      return Checksum.query(connection, String.format(CHECKSUM, "items"));
    }
  }

  /** Count, sums and digest of a table's rows, as text so both engines' numbers compare. */
  record Checksum(String count, String versionSum, String amountSum, String digest) {
    static Checksum query(Connection connection, String sql) throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement(sql);
          ResultSet result = statement.executeQuery()) {
        if (!result.next()) {
          throw new SQLException("Cannot compute the checksum: no row (" + sql + ")");
        }
        return new Checksum(
            number(result.getString(1)),
            number(result.getString(2)),
            number(result.getString(3)),
            result.getString(4));
      }
    }

    private static String number(String text) {
      return text == null ? "null" : new java.math.BigDecimal(text).toBigInteger().toString();
    }
  }
}
