package io.dataplatform.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The lakehouse benchmark: TPC-H on the platform over Flight SQL against in-process DuckDB reading
 * the same Parquet files, optionally Spark on the platform's Iceberg REST catalog. It reports
 * times, ratios and whether the answers agree; it never fails on timing.
 */
public final class TpchBench {
  private final BenchOptions options;
  private final List<TpchQuery> queries;
  private final QueryRunner runner;

  private TpchBench(BenchOptions options) {
    this.options = options;
    this.queries = TpchQuery.load(options.queries());
    this.runner = new QueryRunner(options.runs(), options.scale(), options.timeout());
  }

  public static void main(String[] arguments) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(arguments);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    int status = 0;
    try {
      new TpchBench(options).run();
    } catch (Exception e) {
      System.err.println("benchmark failed: " + QueryRunner.message(e));
      e.printStackTrace();
      status = 1;
    }
    // Spark and the Flight client leave non-daemon threads behind
    System.exit(status);
  }

  private void run() throws Exception {
    System.out.printf(
        "TPC-H scale factor %s, %d timed runs per query%n", options.scale(), options.runs());
    Path parquet = new TpchDataGenerator(options.scale(), options.parquetDirectory()).generate();
    System.out.println("Parquet files: " + parquet.toAbsolutePath());

    System.out.println("baseline: DuckDB in-process on the Parquet files");
    try (JdbcEngine duckDb = BaselineDuckDb.open(parquet)) {
      if (options.mode() == BenchOptions.Mode.BASELINE_ONLY) {
        runHarnessCheck(parquet, duckDb);
      } else {
        runPlatform(parquet, duckDb);
      }
    }
  }

  /** Without the platform: DuckDB on in-memory tables stands in for it, to check the harness. */
  private void runHarnessCheck(Path parquet, JdbcEngine baseline) throws SQLException, IOException {
    System.out.println("stand-in: DuckDB in-process on tables loaded from the Parquet files");
    QueryRunner.Paired paired;
    try (JdbcEngine duckDb = new JdbcEngine("duckdb-mem", "tpch", DuckDb.open("4GB"))) {
      duckDb.executeStatement("CREATE SCHEMA tpch");
      for (TpchTable table : TpchTable.ALL) {
        duckDb.executeStatement(
            "CREATE TABLE tpch."
                + table.name()
                + " AS SELECT * FROM read_parquet("
                + DuckDb.literal(
                    parquet.resolve(table.parquetFileName()).toAbsolutePath().toString())
                + ")");
      }
      paired = runner.runPaired(duckDb, baseline, queries);
    }
    print(
        new Report(queries, "duckdb-mem", paired.measured(), paired.baseline(), Optional.empty()),
        Optional.empty());
  }

  private void runPlatform(Path parquet, JdbcEngine baseline) throws Exception {
    Path dataDirectory = options.dataRoot().resolve("platform-" + timestamp()).toAbsolutePath();
    Path serverCopy = options.dataRoot().resolve("server-" + timestamp()).toAbsolutePath();
    Path serverJar = ServerSnapshot.copy(options.serverJar(), serverCopy);
    System.out.println("platform: starting " + options.serverJar() + " on " + dataDirectory);
    PlatformProcess platform;
    try {
      platform = PlatformProcess.start(serverJar, dataDirectory);
    } catch (IOException | InterruptedException e) {
      deleteRecursively(serverCopy);
      throw e;
    }
    QueryRunner.Paired measured;
    Optional<Map<Integer, QueryResult>> spark = Optional.empty();
    PlatformFigures figures;
    try {
      System.out.printf(
          "platform: healthy after %.0f ms (pid %d, log %s)%n",
          platform.startupMillis(), platform.pid(), platform.log());
      Thread.sleep(2000);
      long residentIdle = platform.residentBytes();
      double loadMillis;
      double coldRoundTripMillis;
      double roundTripMillis;
      try (JdbcEngine flightSql = new JdbcEngine("platform", "tpch", platform.openFlightSql())) {
        System.out.println("platform: loading the tables over Flight SQL");
        loadMillis = new PlatformLoader(platform, flightSql).load(parquet);
        System.out.println(
            "platform: lineitem rows (HTTP API) "
                + platform.httpSql("SELECT count(*) AS row_count FROM tpch.lineitem"));
        if (options.warmUp() > 0) {
          createWarmUpTable(flightSql);
          createWarmUpTable(baseline);
        }
        if (options.client() == BenchOptions.Client.FLIGHT) {
          try (FlightSqlEngine arrowClient = FlightSqlEngine.connect(platform.flightPort())) {
            coldRoundTripMillis = runner.time(arrowClient, "SELECT 1");
            warmUp(arrowClient, baseline);
            roundTripMillis = runner.time(arrowClient, "SELECT 1");
            measured = runner.runPaired(arrowClient, baseline, queries);
          }
        } else {
          coldRoundTripMillis = runner.time(flightSql, "SELECT 1");
          warmUp(flightSql, baseline);
          roundTripMillis = runner.time(flightSql, "SELECT 1");
          measured = runner.runPaired(flightSql, baseline, queries);
        }
      }
      if (options.spark()) {
        spark = Optional.of(runSpark(platform));
      }
      long residentAfter = platform.residentBytes();
      int exitCode = platform.stop();
      figures =
          new PlatformFigures(
              platform.startupMillis(),
              residentIdle,
              residentAfter,
              loadMillis,
              coldRoundTripMillis,
              roundTripMillis,
              exitCode);
    } finally {
      platform.close();
      deleteRecursively(serverCopy);
    }
    print(
        new Report(queries, "platform", measured.measured(), measured.baseline(), spark),
        Optional.of(figures));
    if (!options.keepData()) {
      deleteRecursively(dataDirectory);
    }
  }

  /**
   * A query over generated rows (no TPC-H table) whose columns have the types of the TPC-H answers,
   * so that fetching it compiles each side's code for reading rows of those types.
   */
  static final String WARM_UP_ROWS =
      "SELECT i AS id, CAST(i % 1000 AS INTEGER) AS small,"
          + " CAST(i / 100.0 AS DECIMAL(15,2)) AS amount, CAST(sum(i) OVER () AS DECIMAL(38,2)) AS total,"
          + " i * 1.5 AS ratio, 'row ' || i AS label,"
          + " DATE '1995-01-01' + CAST(i % 2000 AS INTEGER) AS day"
          + " FROM range(20000) AS t(i)";

  /** Fetches of {@link #WARM_UP_ROWS} on each side during the warm-up. */
  static final int WARM_UP_FETCHES = 30;

  /**
   * A small table on each side, outside the TPC-H schema, that the warm-up's table queries read: on
   * the platform an Iceberg table like the TPC-H ones, on the baseline an in-memory table.
   */
  static final String WARM_UP_TABLE = "bench_warmup.items";

  /**
   * A join of three references to {@link #WARM_UP_TABLE} with filters, so that each side compiles
   * its code for queries that read tables (on the platform: binding the references, planning their
   * scans, exposing them to DuckDB) before the TPC-H queries are timed; {@code %d} varies a
   * literal.
   */
  static final String WARM_UP_TABLE_QUERY =
      "SELECT a.small %% 10 AS bucket, count(*) AS n, sum(b.amount) AS amount, min(c.day) AS first_day"
          + " FROM "
          + WARM_UP_TABLE
          + " AS a JOIN "
          + WARM_UP_TABLE
          + " AS b ON b.id = a.id JOIN "
          + WARM_UP_TABLE
          + " AS c ON c.id = a.id"
          + " WHERE a.small < %d AND c.day >= DATE '1995-01-01' GROUP BY bucket ORDER BY bucket";

  /** Table queries per side during the warm-up, for every this many {@code SELECT 1}s. */
  static final int SELECT_ONES_PER_TABLE_QUERY = 5;

  private static void createWarmUpTable(JdbcEngine engine) throws SQLException {
    engine.executeStatement("CREATE SCHEMA bench_warmup");
    engine.executeStatement(
        "CREATE TABLE "
            + WARM_UP_TABLE
            + " AS SELECT i AS id, CAST(i % 1000 AS INTEGER) AS small,"
            + " CAST(i / 100.0 AS DECIMAL(15,2)) AS amount,"
            + " DATE '1995-01-01' + CAST(i % 2000 AS INTEGER) AS day, 'item ' || i AS label"
            + " FROM range(10000) AS t(i)");
  }

  /**
   * Runs {@code SELECT 1} round trips on both sides until their JVMs have compiled the code every
   * query goes through (the Flight SQL client and server), then queries that join a small table
   * that is not a TPC-H table so that the code of queries reading tables is compiled too (binding
   * and planning them on the platform), then fetches many rows of the answers' types on both sides
   * so that reading rows is compiled as well, as in a long-running server and client; timing the
   * first queries would measure the JIT instead.
   */
  private void warmUp(QueryEngine platform, QueryEngine baseline) throws Exception {
    if (options.warmUp() == 0) {
      return;
    }
    int tableQueries = options.warmUp() / SELECT_ONES_PER_TABLE_QUERY;
    System.out.printf(
        "platform: warming up with %d SELECT 1 round trips, %d queries of %s and %d fetches of"
            + " 20,000 rows on each side%n",
        options.warmUp(), tableQueries, WARM_UP_TABLE, WARM_UP_FETCHES);
    long started = System.nanoTime();
    for (int i = 0; i < options.warmUp(); i++) {
      platform.execute("SELECT 1");
      baseline.execute("SELECT 1");
    }
    for (int i = 0; i < tableQueries; i++) {
      String sql = String.format(WARM_UP_TABLE_QUERY, 100 + i % 900);
      platform.execute(sql);
      baseline.execute(sql);
    }
    for (int i = 0; i < WARM_UP_FETCHES; i++) {
      platform.execute(WARM_UP_ROWS);
      baseline.execute(WARM_UP_ROWS);
    }
    System.out.printf("platform: warm-up took %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  /** Prints the report and keeps a copy in {@code <data>/report-<time>.txt}. */
  private void print(Report report, Optional<PlatformFigures> figures) throws IOException {
    report.print(System.out, figures);
    Path copy = options.dataRoot().resolve("report-" + timestamp() + ".txt");
    try (PrintStream out =
        new PrintStream(Files.newOutputStream(copy), true, StandardCharsets.UTF_8)) {
      out.printf(
          "TPC-H scale factor %s, %d timed runs per query, %s, client %s%n",
          options.scale(), options.runs(), options.mode(), options.client());
      report.print(out, figures);
    }
    System.out.println("report saved to " + copy.toAbsolutePath());
  }

  private static String timestamp() {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }

  private Map<Integer, QueryResult> runSpark(PlatformProcess platform) {
    System.out.println("spark: local[2] on the platform's Iceberg REST catalog");
    try (SparkEngine spark = SparkEngine.attach(platform.baseUrl())) {
      return runner.runAll(spark, queries);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
