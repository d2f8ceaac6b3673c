package io.dataplatform.lakehouse;

import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.MetastoreConfig;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A lakehouse on an embedded H2 metastore in a temporary directory. */
final class LakehouseFixture implements AutoCloseable {
  static final SqlSession SESSION = new SqlSession("tester", "test");
  final Metastore metastore;
  final Lakehouse lakehouse;

  LakehouseFixture(Path directory) {
    this(directory, MetastoreConfig.embedded(directory));
  }

  LakehouseFixture(Path directory, MetastoreConfig config) {
    this(config, LakehouseConfig.of(directory.resolve("warehouse")));
  }

  LakehouseFixture(MetastoreConfig metastoreConfig, LakehouseConfig config) {
    metastore = Metastore.open(metastoreConfig);
    lakehouse = Lakehouse.open(config, metastore);
  }

  /** Runs a query and returns its rows, each row's values joined by {@code |}. */
  List<String> query(String sql, Object... parameters) {
    try (StatementResult result = lakehouse.sql().execute(SESSION, sql, List.of(parameters))) {
      ResultSet rows = result.rows().orElseThrow();
      int columns = rows.getMetaData().getColumnCount();
      List<String> lines = new ArrayList<>();
      while (rows.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rows.getObject(i)));
        }
        lines.add(String.join("|", values));
      }
      result.rowsReturned(lines.size());
      return lines;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long update(String sql) {
    try (StatementResult result = lakehouse.sql().execute(SESSION, sql, List.of())) {
      return result.updateCount();
    }
  }

  @Override
  public void close() {
    lakehouse.close();
    metastore.close();
  }
}
