package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataplatform.bench.storage.HeapGrowth;
import io.dataplatform.bench.storage.HeapSample;
import io.dataplatform.bench.storage.HeapSampler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Full refresh of a PostgreSQL table into the lake against PostgreSQL's own {@code COPY (SELECT …)
 * TO STDOUT} read by a JDBC client (the practical limit), in the same run, on the test server of
 * {@code .ci/postgres-start} (127.0.0.1:5432, role dp). The COPY runs as CSV (the baseline)
 * and in the binary form the platform's full refresh uses, alternated. Prints the rates in MB/s of
 * COPY text, the ratios (target ≥ 0.7 of the CSV COPY), and Airbyte's published 11 MB/s beside
 * them.
 *
 * <p>With {@code --server-xmx 512m} the platform runs with that maximum heap and {@code jstat}
 * samples its heap during the sync: the bounded-memory figure (a table much larger than the heap).
 *
 * <pre>
 * mvn -B -q -o -DskipTests package -pl server -am
 * mvn -B -q -o -Pbench -pl bench compile exec:exec@ingest -Dbench.args="--rows 5000000"
 * mvn -B -q -o -Pbench -pl bench compile exec:exec@ingest \
 *     -Dbench.args="--rows 14000000 --server-xmx 512m --copy-runs 1"
 * mvn -B -q -o -Pbench -pl bench compile exec:exec@ingest \
 *     -Dbench.args="--reuse-table --sync-runs 2 --pairs 5"
 * </pre>
 *
 * <p>With {@code --pairs N}, N more syncs each follow a CSV COPY of their own, and the median of
 * those pairs' ratios is printed: a figure that drift in the machine's speed does not bias.
 */
public final class IngestBench {
  private static final String DATABASE = "dp_bench_ingest";
  private static final Duration SYNC_TIMEOUT = Duration.ofHours(3);
  private static final Duration HEAP_INTERVAL = Duration.ofMillis(250);
  private static final Duration HEAP_TIMEOUT = Duration.ofSeconds(30);
  private static final long MIB = 1024 * 1024;
  private static final String COPY_SQL = "COPY (SELECT * FROM events) TO STDOUT (FORMAT csv)";
  private static final String BINARY_COPY_SQL =
      "COPY (SELECT * FROM events) TO STDOUT (FORMAT binary)";

  /** The CSV columns of {@link #COPY_SQL} as DuckDB reads them, typed as in the lake. */
  private static final String CSV_COLUMNS =
      "{'id': 'BIGINT', 'account': 'INTEGER', 'kind': 'VARCHAR', 'amount': 'DECIMAL(12,2)',"
          + " 'happened_at': 'TIMESTAMPTZ', 'payload': 'VARCHAR'}";

  /** The PostgreSQL connector's staged file size (its {@code staged_file_mb} default). */
  private static final long STAGED_FILE_BYTES = 64 * MIB;

  /** The benchmark's settings, from its command line. */
  record Options(
      Path serverJar,
      Path work,
      long rows,
      int copyRuns,
      int syncRuns,
      int pipelineRuns,
      int pairs,
      String serverXmx,
      boolean reuseTable) {
    Options {
      requireNonNull(serverJar, "serverJar");
      requireNonNull(work, "work");
      requireNonNull(serverXmx, "serverXmx");
    }

    static Options parse(String[] arguments) {
      Path serverJar = Path.of("../server/target/dp-server.jar");
      Path work = Path.of("data/ingest");
      long rows = 5_000_000;
      int copyRuns = 2;
      int syncRuns = 1;
      int pipelineRuns = 0;
      int pairs = 0;
      String serverXmx = "";
      boolean reuseTable = false;
      for (int i = 0; i < arguments.length; i++) {
        switch (arguments[i]) {
          case "--server-jar" -> serverJar = Path.of(arguments[++i]);
          case "--rows" -> rows = Long.parseLong(arguments[++i]);
          case "--data" -> work = Path.of(arguments[++i]);
          case "--copy-runs" -> copyRuns = Integer.parseInt(arguments[++i]);
          case "--sync-runs" -> syncRuns = Integer.parseInt(arguments[++i]);
          case "--pipeline-runs" -> pipelineRuns = Integer.parseInt(arguments[++i]);
          case "--pairs" -> pairs = Integer.parseInt(arguments[++i]);
          case "--server-xmx" -> serverXmx = arguments[++i];
          case "--reuse-table" -> reuseTable = true;
          default -> throw new IllegalArgumentException("Cannot read argument " + arguments[i]);
        }
      }
      if (copyRuns < 1) {
        throw new IllegalArgumentException(
            "Cannot run the ingestion bench: --copy-runs must be at least 1 (" + copyRuns + ")");
      }
      if (syncRuns < 1) {
        throw new IllegalArgumentException(
            "Cannot run the ingestion bench: --sync-runs must be at least 1 (" + syncRuns + ")");
      }
      if (pipelineRuns < 0) {
        throw new IllegalArgumentException(
            "Cannot run the ingestion bench: --pipeline-runs must not be negative ("
                + pipelineRuns
                + ")");
      }
      if (pairs < 0) {
        throw new IllegalArgumentException(
            "Cannot run the ingestion bench: --pairs must not be negative (" + pairs + ")");
      }
      return new Options(
          serverJar, work, rows, copyRuns, syncRuns, pipelineRuns, pairs, serverXmx, reuseTable);
    }

    PlatformProcess.Launch launch() {
      return serverXmx.isEmpty()
          ? PlatformProcess.Launch.DEFAULT
          : new PlatformProcess.Launch(List.of("-Xmx" + serverXmx), Map.of());
    }
  }

  private IngestBench() {}

  public static void main(String[] arguments) throws Exception {
    Options options = Options.parse(arguments);
    long rows = options.rows();
    TransformBench.delete(options.work());
    long prepared = System.nanoTime();
    if (options.reuseTable() && existingRows() == rows) {
      System.out.printf("table: reusing %s.events with %,d rows%n", DATABASE, rows);
    } else {
      prepare(rows);
      System.out.printf(
          "table: %,d rows generated in %.1f s%n", rows, (System.nanoTime() - prepared) / 1e9);
    }
    long bytes = 0;
    long binaryBytes = 0;
    double copySeconds = Double.MAX_VALUE;
    double binarySeconds = Double.MAX_VALUE;
    for (int attempt = 0; attempt < options.copyRuns(); attempt++) {
      // alternated, so that both see the machine in the same state
      long started = System.nanoTime();
      bytes = copyOut(COPY_SQL);
      copySeconds = Math.min(copySeconds, (System.nanoTime() - started) / 1e9);
      started = System.nanoTime();
      binaryBytes = copyOut(BINARY_COPY_SQL);
      binarySeconds = Math.min(binarySeconds, (System.nanoTime() - started) / 1e9);
    }
    double megabytes = bytes / 1e6;
    System.out.printf(
        "table: %,d rows, %.0f MB as COPY text (%.0f MB in COPY's binary form)%n",
        rows, megabytes, binaryBytes / 1e6);
    System.out.printf(
        "COPY TO STDOUT (JDBC)   %7.1f s  %7.1f MB/s (best of %d; FORMAT csv)%n",
        copySeconds, megabytes / copySeconds, options.copyRuns());
    System.out.printf(
        "COPY binary (JDBC)      %7.1f s  %7.1f MB/s of table text (best of %d; FORMAT binary,"
            + " what the platform's full refresh runs)%n",
        binarySeconds, megabytes / binarySeconds, options.copyRuns());
    double pipelineSeconds = pipeline(options, megabytes, copySeconds);
    try (PlatformProcess platform =
        PlatformProcess.start(
            options.serverJar(), options.work().resolve("platform"), options.launch())) {
      PlatformApi api = new PlatformApi(platform);
      api.applyConnection("bench", connectionYaml());
      HeapSampler sampler = HeapSampler.start(platform.pid(), HEAP_INTERVAL);
      try (sampler) {
        HeapSample before = sampler.awaitNext(HEAP_TIMEOUT);
        long started = System.nanoTime();
        double syncSeconds = Double.MAX_VALUE;
        long ended = started;
        for (int run = 1; run <= options.syncRuns(); run++) {
          // each run replaces the table: the first in a fresh server, the next ones in a warm one
          long runStarted = System.nanoTime();
          JsonNode state = api.awaitSuccess(api.startSync("bench"), SYNC_TIMEOUT);
          ended = System.nanoTime();
          double seconds = (ended - runStarted) / 1e9;
          syncSeconds = Math.min(syncSeconds, seconds);
          state.path("log").forEach(line -> System.out.println("  sync log: " + line.asText()));
          System.out.printf("sync %d: %.1f s%n", run, seconds);
        }
        HeapSample after = sampler.awaitNext(HEAP_TIMEOUT);
        System.out.printf(
            "dp full refresh         %7.1f s  %7.1f MB/s (best of %d)%n",
            syncSeconds, megabytes / syncSeconds, options.syncRuns());
        System.out.printf(
            "ratio dp / COPY         %.2f (target >= 0.70); Airbyte's best published figure:"
                + " 11 MB/s%n",
            copySeconds / syncSeconds);
        System.out.printf("ratio dp / COPY binary  %.2f%n", binarySeconds / syncSeconds);
        if (options.pipelineRuns() > 0) {
          System.out.printf(
              "ratio dp / CSV pipeline %.2f (the CSV design without the platform, above)%n",
              pipelineSeconds / syncSeconds);
        }
        printHeap(options, HeapGrowth.of(before, sampler.between(started, ended), after));
      }
      pairs(options, api, platform.pid());
      long lakeRows = lakeRows(platform);
      System.out.printf(
          "rows in the lake: %,d of %,d: %s%n", lakeRows, rows, lakeRows == rows ? "OK" : "WRONG");
    }
  }

  /**
   * {@code --pairs} times a COPY csv right before a sync, each pair's ratio and their median: a
   * figure that the machine's speed drifting between the COPY runs and the syncs above does not
   * bias, since each sync is compared with the COPY that ran just before it.
   */
  private static void pairs(Options options, PlatformApi api, long serverPid) throws Exception {
    double[] ratios = new double[options.pairs()];
    for (int pair = 1; pair <= options.pairs(); pair++) {
      long started = System.nanoTime();
      copyOut(COPY_SQL);
      double copySeconds = (System.nanoTime() - started) / 1e9;
      double cpuBefore = cpuSeconds(serverPid);
      started = System.nanoTime();
      api.awaitSuccess(api.startSync("bench"), SYNC_TIMEOUT);
      double syncSeconds = (System.nanoTime() - started) / 1e9;
      double serverCpu = cpuSeconds(serverPid) - cpuBefore;
      ratios[pair - 1] = copySeconds / syncSeconds;
      System.out.printf(
          "pair %d: COPY csv %.1f s, then dp full refresh %.1f s (server CPU %.1f s): ratio %.2f%n",
          pair, copySeconds, syncSeconds, serverCpu, copySeconds / syncSeconds);
    }
    if (ratios.length > 0) {
      System.out.printf(
          "ratio dp / COPY, paired %.2f (median of %d pairs; target >= 0.70)%n",
          QueryRunner.median(ratios), ratios.length);
    }
  }

  /**
   * CPU seconds a process has used, user and system, from {@code /proc} ({@code NaN} where there is
   * none): the server's work per sync, which the machine's load changes less than its duration.
   */
  private static double cpuSeconds(long pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime, the 14th and 15th fields, in clock ticks of 1/100 s
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * The best of {@code --pipeline-runs} runs of {@link ConversionPipeline} on the table, printed;
   * seconds ({@code NaN} when there are none).
   */
  private static double pipeline(Options options, double megabytes, double copySeconds)
      throws Exception {
    if (options.pipelineRuns() == 0) {
      return Double.NaN;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    ConversionPipeline pipeline =
        new ConversionPipeline(COPY_SQL, CSV_COLUMNS, STAGED_FILE_BYTES, cores);
    double best = Double.MAX_VALUE;
    for (int run = 0; run < options.pipelineRuns(); run++) {
      try (Connection connection = connect(DATABASE)) {
        best = Math.min(best, pipeline.run(connection, options.work().resolve("pipeline")) / 1e9);
      }
    }
    System.out.printf(
        "COPY csv + DuckDB       %7.1f s  %7.1f MB/s (best of %d; %d MiB CSV files, %d"
            + " converting at once to Parquet, no platform): %.2f of COPY%n",
        best,
        megabytes / best,
        options.pipelineRuns(),
        STAGED_FILE_BYTES / MIB,
        cores,
        copySeconds / best);
    return best;
  }

  private static void printHeap(Options options, HeapGrowth heap) {
    System.out.printf(
        "server heap (jstat -gc every %d ms, -Xmx %s): used before %d MiB, peak %d MiB"
            + " (capacity then %d MiB), after %d MiB; old generation before %d MiB,"
            + " peak %d MiB; %d samples%n",
        HEAP_INTERVAL.toMillis(),
        options.serverXmx().isEmpty() ? "JVM default" : options.serverXmx(),
        heap.before().usedBytes() / MIB,
        heap.peak().usedBytes() / MIB,
        heap.peak().capacityBytes() / MIB,
        heap.after().usedBytes() / MIB,
        heap.before().oldUsedBytes() / MIB,
        heap.peakOldBytes() / MIB,
        heap.samples());
  }

  private static long lakeRows(PlatformProcess platform) throws SQLException {
    try (Connection lake = platform.openFlightSql();
        PreparedStatement count = lake.prepareStatement("select count(*) from raw.events");
        ResultSet result = count.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "dp", "dp");
  }

  /** Rows of the events table left by an earlier run, or -1 when there is none. */
  private static long existingRows() throws SQLException {
    try (Connection admin = connect("postgres");
        PreparedStatement exists =
            admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet result = exists.executeQuery()) {
        if (!result.next()) {
          return -1;
        }
      }
    }
    try (Connection connection = connect(DATABASE);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM events")) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  private static void prepare(long rows) throws SQLException {
    try (Connection admin = connect("postgres");
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
      statement.execute("CREATE DATABASE " + DATABASE);
    }
    try (Connection connection = connect(DATABASE);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE events (id BIGINT PRIMARY KEY, account INTEGER NOT NULL,"
              + " kind TEXT NOT NULL, amount NUMERIC(12, 2), happened_at TIMESTAMPTZ NOT NULL,"
              + " payload TEXT)");
      statement.execute(
          "INSERT INTO events SELECT i, (i * 7919) % 100000,"
              + " (ARRAY['view', 'click', 'purchase', 'refund'])[1 + i % 4],"
              + " round(((i * 37) % 100000) / 100.0, 2),"
              + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + i * INTERVAL '1 second',"
              + " md5(i::text) || md5((i * 3)::text) || md5((i * 7)::text)"
              + " FROM generate_series(1::bigint, "
              + rows
              + ") AS i");
      statement.execute("ANALYZE events");
    }
  }

  /** Bytes of a {@code COPY … TO STDOUT} read by this client. */
  private static long copyOut(String sql) throws SQLException, IOException {
    try (Connection connection = connect(DATABASE)) {
      long[] count = new long[1];
      OutputStream counting =
          new OutputStream() {
            @Override
            public void write(int b) {
              count[0]++;
            }

            @Override
            public void write(byte[] buffer, int offset, int length) {
              count[0] += length;
            }
          };
      connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, counting);
      return count[0];
    }
  }

  private static String connectionYaml() {
    return "name: bench\nsource:\n  type: postgres\n  host: 127.0.0.1\n  port: 5432\n"
        + "  database: "
        + DATABASE
        + "\n  user: dp\n  password: dp\ndestination:\n  namespace: raw\n"
        + "streams:\n  - name: public.events\n    mode: full_refresh_overwrite\n";
  }
}
