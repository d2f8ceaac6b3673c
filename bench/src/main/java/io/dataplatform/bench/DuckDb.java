package io.dataplatform.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens in-process DuckDB connections with only the statically linked extensions. */
final class DuckDb {
  private DuckDb() {}

  static Connection open(String memoryLimit) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "false");
    properties.setProperty("memory_limit", memoryLimit);
    properties.setProperty("threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
    return DriverManager.getConnection("jdbc:duckdb:", properties);
  }

  /** A SQL string literal. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
