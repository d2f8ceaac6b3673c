package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The command line of the benchmark. */
record BenchOptions(
    double scale,
    int runs,
    Duration timeout,
    Mode mode,
    boolean spark,
    boolean keepData,
    Path serverJar,
    Path dataRoot,
    List<Integer> queries,
    Client client,
    int warmUp) {

  static final String USAGE =
      """
      Usage: TpchBench [--scale 1] [--runs 5] [--timeout 900] [--spark] [--baseline-only]
                       [--queries 1,6,14] [--client jdbc|flight] [--warm-up 3000]
                       [--server-jar ../server/target/dp-server.jar] [--data data] [--keep-data]
        --scale          TPC-H scale factor (0.01 for a quick check)
        --runs           timed runs per query after one warm-up; the median is reported
        --timeout        seconds after which one execution of a query is abandoned
        --spark          also run the queries in Spark local[2] on the platform's Iceberg REST catalog
        --baseline-only  no platform: compare DuckDB on Parquet with DuckDB on in-memory tables
        --queries        only these query numbers
        --server-jar     the built platform (dp-server.jar with its lib/ folder beside it)
        --data           where generated Parquet files and platform data directories go
        --keep-data      keep the platform's data directory after the run
        --warm-up        SELECT 1 round trips that warm the client's and the server's JVMs up
                         before the queries are timed, followed by 30 fetches of 20,000 rows
                         of the answers' types (0 for no warm-up)
      """;

  /** The client the platform's queries are measured through. */
  enum Client {
    JDBC,
    FLIGHT
  }

  /** Whether the platform is measured or only the harness (DuckDB against DuckDB). */
  enum Mode {
    PLATFORM,
    BASELINE_ONLY
  }

  BenchOptions {
    if (!(scale > 0)) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: scale must be positive (" + scale + ")");
    }
    if (runs < 1) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: runs must be positive (" + runs + ")");
    }
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: timeout must be positive (" + timeout.toSeconds() + " s)");
    }
    requireNonNull(mode, "mode");
    requireNonNull(client, "client");
    if (warmUp < 0) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: warm-up must be 0 or more (" + warmUp + ")");
    }
    requireNonNull(serverJar, "serverJar");
    requireNonNull(dataRoot, "dataRoot");
    queries = List.copyOf(requireNonNull(queries, "queries"));
    if (spark && mode == Mode.BASELINE_ONLY) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: --spark needs the platform, not --baseline-only");
    }
  }

  static BenchOptions parse(String... arguments) {
    double scale = 1;
    int runs = 5;
    Duration timeout = Duration.ofSeconds(900);
    Mode mode = Mode.PLATFORM;
    boolean spark = false;
    boolean keepData = false;
    Path serverJar = Path.of("../server/target/dp-server.jar");
    Path dataRoot = Path.of("data");
    List<Integer> queries = new ArrayList<>();
    Client client = Client.JDBC;
    int warmUp = 3000;
    for (int i = 0; i < arguments.length; i++) {
      String argument = arguments[i];
      switch (argument) {
        case "--scale" -> scale = Double.parseDouble(value(arguments, ++i, argument));
        case "--runs" -> runs = Integer.parseInt(value(arguments, ++i, argument));
        case "--timeout" ->
            timeout = Duration.ofSeconds(Long.parseLong(value(arguments, ++i, argument)));
        case "--spark" -> spark = true;
        case "--baseline-only" -> mode = Mode.BASELINE_ONLY;
        case "--keep-data" -> keepData = true;
        case "--server-jar" -> serverJar = Path.of(value(arguments, ++i, argument));
        case "--data" -> dataRoot = Path.of(value(arguments, ++i, argument));
        case "--queries" -> queries = queryNumbers(value(arguments, ++i, argument));
        case "--client" -> client = client(value(arguments, ++i, argument));
        case "--warm-up" -> warmUp = Integer.parseInt(value(arguments, ++i, argument));
        default ->
            throw new IllegalArgumentException(
                "Cannot run the benchmark: unknown option (" + argument + ")\n" + USAGE);
      }
    }
    return new BenchOptions(
        scale, runs, timeout, mode, spark, keepData, serverJar, dataRoot, queries, client, warmUp);
  }

  private static Client client(String name) {
    return switch (name) {
      case "jdbc" -> Client.JDBC;
      case "flight" -> Client.FLIGHT;
      default ->
          throw new IllegalArgumentException(
              "Cannot run the benchmark: --client is jdbc or flight (" + name + ")");
    };
  }

  private static String value(String[] arguments, int index, String option) {
    if (index >= arguments.length) {
      throw new IllegalArgumentException(
          "Cannot run the benchmark: option needs a value (" + option + ")");
    }
    return arguments[index];
  }

  private static List<Integer> queryNumbers(String list) {
    List<Integer> numbers = new ArrayList<>();
    for (String part : list.split(",")) {
      int number = Integer.parseInt(part.trim());
      if (number < 1 || number > TpchQuery.COUNT) {
        throw new IllegalArgumentException(
            "Cannot run the benchmark: TPC-H queries are numbered 1 to 22 (" + number + ")");
      }
      numbers.add(number);
    }
    return numbers;
  }

  /** The folder of the generated Parquet files for this scale, e.g. {@code data/sf0.01}. */
  Path parquetDirectory() {
    return dataRoot.resolve("sf" + BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString());
  }
}
