package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark in local mode (two worker threads) attached to the platform's Iceberg REST catalog as
 * catalog {@code dp}: it reads the very Iceberg tables the platform wrote.
 */
final class SparkEngine implements QueryEngine {
  private static final String CATALOG = "dp";
  private final SparkSession spark;

  private SparkEngine(SparkSession spark) {
    this.spark = requireNonNull(spark, "spark");
  }

  static SparkEngine attach(String platformBaseUrl) {
    String prefix = "spark.sql.catalog." + CATALOG;
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("dp-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.session.timeZone", "UTC")
            .config(prefix, "org.apache.iceberg.spark.SparkCatalog")
            .config(prefix + ".type", "rest")
            .config(prefix + ".uri", platformBaseUrl + "/iceberg")
            .config(prefix + ".credential", PlatformProcess.USER + ":" + PlatformProcess.PASSWORD)
            .config(prefix + ".oauth2-server-uri", platformBaseUrl + "/iceberg/v1/oauth/tokens")
            .config(prefix + ".scope", "catalog")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return new SparkEngine(spark);
  }

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public String tpchSchema() {
    return CATALOG + ".tpch";
  }

  @Override
  public List<List<Object>> execute(String sql) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : spark.sql(sql).collectAsList()) {
      List<Object> values = new ArrayList<>(row.length());
      for (int i = 0; i < row.length(); i++) {
        values.add(row.get(i));
      }
      rows.add(values);
    }
    return rows;
  }

  @Override
  public void close() {
    spark.stop();
  }
}
