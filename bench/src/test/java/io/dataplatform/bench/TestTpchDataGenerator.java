package io.dataplatform.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTpchDataGenerator {
  @TempDir Path directory;

  @Test
  void writesTypedParquetFilesAndReusesThem() throws Exception {
    Path parquet = new TpchDataGenerator(0.001, directory).generate();
    try (Connection duckDb = DuckDb.open("1GB")) {
      assertEquals(25L, single(duckDb, "SELECT count(*) FROM " + file(parquet, "nation")));
      assertEquals(1500L, single(duckDb, "SELECT count(*) FROM " + file(parquet, "orders")));
      assertEquals(
          List.of(
              "BIGINT",
              "BIGINT",
              "VARCHAR",
              "DECIMAL(15,2)",
              "DATE",
              "VARCHAR",
              "VARCHAR",
              "INTEGER",
              "VARCHAR"),
          types(duckDb, "orders", parquet));
      assertEquals(
          "Customer#000000001",
          single(duckDb, "SELECT c_name FROM " + file(parquet, "customer") + " LIMIT 1"));
    }
    long modified = Files.getLastModifiedTime(parquet.resolve("lineitem.parquet")).toMillis();
    new TpchDataGenerator(0.001, directory).generate();
    assertEquals(
        modified, Files.getLastModifiedTime(parquet.resolve("lineitem.parquet")).toMillis());
    try (var files = Files.list(directory)) {
      assertEquals(8, files.count(), "only the eight Parquet files remain");
    }
  }

  private static String file(Path directory, String table) {
    return "read_parquet(" + DuckDb.literal(directory.resolve(table + ".parquet").toString()) + ")";
  }

  private static Object single(Connection duckDb, String sql) throws Exception {
    try (PreparedStatement statement = duckDb.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getObject(1);
    }
  }

  private static List<String> types(Connection duckDb, String table, Path directory)
      throws Exception {
    List<String> types = new ArrayList<>();
    try (PreparedStatement statement =
            duckDb.prepareStatement("DESCRIBE SELECT * FROM " + file(directory, table));
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        types.add(result.getString("column_type"));
      }
    }
    return types;
  }
}
