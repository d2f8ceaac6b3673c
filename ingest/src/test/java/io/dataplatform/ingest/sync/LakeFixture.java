package io.dataplatform.ingest.sync;

import io.dataplatform.lakehouse.Lakehouse;
import io.dataplatform.lakehouse.LakehouseConfig;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.MetastoreConfig;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A lakehouse on an embedded H2 metastore in a temporary directory, for ingestion tests. */
public final class LakeFixture implements AutoCloseable {
  private static final SqlSession SESSION = new SqlSession("tester", "test");
  public final Metastore metastore;
  public final Lakehouse lakehouse;

  public LakeFixture(Path directory) {
    metastore = Metastore.open(MetastoreConfig.embedded(directory));
    lakehouse = Lakehouse.open(LakehouseConfig.of(directory.resolve("warehouse")), metastore);
  }

  /** Runs a query and returns its rows, each row's values joined by {@code |}. */
  public List<String> query(String sql) {
    try (StatementResult result = lakehouse.sql().execute(SESSION, sql, List.of())) {
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

  @Override
  public void close() {
    lakehouse.close();
    metastore.close();
  }
}
