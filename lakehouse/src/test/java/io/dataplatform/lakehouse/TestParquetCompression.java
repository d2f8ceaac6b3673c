package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.DataType;
import io.dataplatform.api.connector.SourceColumn;
import io.dataplatform.api.connector.SourceRecord;
import io.dataplatform.lakehouse.io.LocalFileIO;
import io.dataplatform.lakehouse.load.LoadCommit;
import io.dataplatform.lakehouse.load.LoadSession;
import io.dataplatform.lakehouse.load.LoadTarget;
import io.dataplatform.lakehouse.load.TableLoad;
import io.dataplatform.lakehouse.write.ParquetCompression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data and delete files are compressed as their table's Iceberg properties ask. */
class TestParquetCompression {
  @TempDir Path directory;
  LakehouseFixture lake;

  @BeforeEach
  void open() {
    lake = new LakehouseFixture(directory);
    lake.update("CREATE SCHEMA shop");
    lake.update("CREATE TABLE shop.orders (id INT, note VARCHAR)");
  }

  @AfterEach
  void close() {
    lake.close();
  }

  @Test
  void optionsFollowTheProperties() {
    assertEquals(
        ", COMPRESSION zstd, COMPRESSION_LEVEL 1", ParquetCompression.dataOptions("t", Map.of()));
    assertEquals(
        ", COMPRESSION zstd, COMPRESSION_LEVEL 3",
        ParquetCompression.dataOptions(
            "t",
            Map.of(
                "write.parquet.compression-codec", "ZSTD",
                "write.parquet.compression-level", "3")));
    assertEquals(
        ", COMPRESSION snappy",
        ParquetCompression.dataOptions(
            "t",
            Map.of(
                "write.parquet.compression-codec", "snappy",
                "write.parquet.compression-level", "9")));
    assertEquals(
        ", COMPRESSION uncompressed",
        ParquetCompression.dataOptions("t", Map.of("write.parquet.compression-codec", "none")));
    assertEquals(
        ", COMPRESSION gzip",
        ParquetCompression.deleteOptions(
            "t",
            Map.of(
                "write.parquet.compression-codec", "snappy",
                "write.delete.parquet.compression-codec", "gzip")));
    assertEquals(
        ", COMPRESSION snappy",
        ParquetCompression.deleteOptions("t", Map.of("write.parquet.compression-codec", "snappy")));
  }

  @Test
  void unknownCodecsAndLevelsAreNamed() {
    DpException codec =
        assertThrows(
            DpException.class,
            () ->
                ParquetCompression.dataOptions(
                    "shop.orders", Map.of("write.parquet.compression-codec", "lzo")));
    assertEquals(
        "Cannot write Parquet files of table shop.orders: its property"
            + " write.parquet.compression-codec asks for 'lzo', which the platform cannot write;"
            + " set it to zstd, snappy, gzip, lz4, brotli or uncompressed",
        codec.getMessage());
    DpException level =
        assertThrows(
            DpException.class,
            () ->
                ParquetCompression.dataOptions(
                    "shop.orders", Map.of("write.parquet.compression-level", "fast")));
    assertTrue(
        level.getMessage().contains("a zstd level is a whole number from 1 to 22"),
        level.getMessage());
  }

  @Test
  void tablesCreatedBySqlAreWrittenInSnappy() throws SQLException {
    assertEquals("snappy", table().properties().get("write.parquet.compression-codec"));
    lake.update("INSERT INTO shop.orders VALUES (1, 'first'), (2, 'second')");
    lake.update("CREATE TABLE shop.copies AS SELECT * FROM shop.orders");
    assertEquals(List.of("SNAPPY"), codecs("shop.orders", 0));
    Table copies = lake.lakehouse.catalog().loadTable(TableIdentifier.of("shop", "copies"));
    assertEquals("snappy", copies.properties().get("write.parquet.compression-codec"));
    assertEquals(List.of("SNAPPY"), codecs("shop.copies", 0));
  }

  @Test
  void tablesOfBulkLoadsAreWrittenInZstdLevelOne() throws Exception {
    TableId id = TableId.of("raw", "events");
    List<SourceColumn> columns = List.of(SourceColumn.nullable("id", DataType.INT, "int4"));
    try (LoadSession session =
        lake.lakehouse.loads().open(Files.createDirectories(directory.resolve("work")))) {
      TableLoad load = session.table(LoadTarget.overwrite(id), columns);
      load.stage(
          columns,
          List.of(SourceRecord.read(new Object[] {1}), SourceRecord.read(new Object[] {2})),
          List.of());
      load.commit(new LoadCommit("shop", "public.events", "sync-1", Map.of(), Optional.empty()));
    }
    Table events = lake.lakehouse.catalog().loadTable(TableIdentifier.of("raw", "events"));
    assertEquals("zstd", events.properties().get("write.parquet.compression-codec"));
    assertEquals("1", events.properties().get("write.parquet.compression-level"));
    // appends commit at every checkpoint too: their manifests are merged at once
    assertEquals("2", events.properties().get("commit.manifest.min-count-to-merge"));
    assertEquals(List.of("ZSTD"), codecs("raw.events", 0));
  }

  @Test
  void changedPropertiesApplyToLaterFiles() throws SQLException {
    lake.update("INSERT INTO shop.orders VALUES (1, 'first'), (2, 'second')");
    table()
        .updateProperties()
        .set("write.parquet.compression-codec", "zstd")
        .set("write.parquet.compression-level", "3")
        .commit();
    lake.update("INSERT INTO shop.orders VALUES (3, 'third')");
    assertEquals(List.of("SNAPPY", "ZSTD"), codecs("shop.orders", 0));
    // the copy-on-write delete rewrites the first file with the codec asked for now
    lake.update("DELETE FROM shop.orders WHERE id = 1");
    assertEquals(List.of("ZSTD"), codecs("shop.orders", 0));
    assertEquals(
        List.of("2|second", "3|third"), lake.query("SELECT * FROM shop.orders ORDER BY id"));
  }

  @Test
  void aCodecThePlatformCannotWriteFailsTheWriteAndKeepsTheTable() {
    lake.update("INSERT INTO shop.orders VALUES (1, 'first')");
    table().updateProperties().set("write.parquet.compression-codec", "lzo").commit();
    DpException failure =
        assertThrows(
            DpException.class, () -> lake.update("INSERT INTO shop.orders VALUES (2, 'x')"));
    assertTrue(failure.getMessage().contains("asks for 'lzo'"), failure.getMessage());
    assertEquals(List.of("1|first"), lake.query("SELECT * FROM shop.orders"));
  }

  @Test
  void sqlSetsShowsAndUnsetsTableProperties() throws SQLException {
    lake.update(
        "ALTER TABLE shop.orders SET TBLPROPERTIES ('write.parquet.compression-codec' = 'zstd',"
            + " 'write.parquet.compression-level' = '5', 'owner.team' = 'it''s sales')");
    assertEquals(
        List.of(
            "owner.team|it's sales",
            "write.parquet.compression-codec|zstd",
            "write.parquet.compression-level|5"),
        lake.query("SHOW TBLPROPERTIES shop.orders").stream()
            .filter(line -> line.startsWith("owner.") || line.startsWith("write.parquet."))
            .toList());
    lake.update("INSERT INTO shop.orders VALUES (1, 'first')");
    assertEquals(List.of("ZSTD"), codecs("shop.orders", 0));
    lake.update(
        "ALTER TABLE shop.orders UNSET TBLPROPERTIES ('owner.team', 'write.parquet.compression-level')");
    lake.update("ALTER TABLE shop.orders UNSET TBLPROPERTIES IF EXISTS ('owner.team')");
    assertEquals("zstd", table().properties().get("write.parquet.compression-codec"));
    assertTrue(!table().properties().containsKey("owner.team"));
    assertTrue(!table().properties().containsKey("write.parquet.compression-level"));
  }

  @Test
  void badPropertyStatementsChangeNothing() {
    Map<String, String> before = table().properties();
    DpException codec =
        assertThrows(
            DpException.class,
            () ->
                lake.update(
                    "ALTER TABLE shop.orders SET TBLPROPERTIES ('owner.team' = 'sales',"
                        + " 'write.parquet.compression-codec' = 'lzo')"));
    assertTrue(codec.getMessage().contains("asks for 'lzo'"), codec.getMessage());
    DpException level =
        assertThrows(
            DpException.class,
            () ->
                lake.update(
                    "ALTER TABLE shop.orders SET TBLPROPERTIES"
                        + " ('write.parquet.compression-codec' = 'zstd',"
                        + " 'write.parquet.compression-level' = '30')"));
    assertTrue(level.getMessage().contains("from 1 to 22"), level.getMessage());
    DpException missing =
        assertThrows(
            DpException.class,
            () -> lake.update("ALTER TABLE shop.orders UNSET TBLPROPERTIES ('owner.team')"));
    assertTrue(missing.getMessage().contains("has no property 'owner.team'"), missing.getMessage());
    DpException syntax =
        assertThrows(
            DpException.class,
            () -> lake.update("ALTER TABLE shop.orders SET TBLPROPERTIES ('owner.team')"));
    assertEquals(
        "Cannot alter table: expected SET TBLPROPERTIES ('key' = 'value', ...) (shop.orders)",
        syntax.getMessage());
    assertEquals(before, table().properties());
    assertThrows(DpException.class, () -> lake.query("SHOW TBLPROPERTIES shop.missing"));
  }

  private Table table() {
    return lake.lakehouse.catalog().loadTable(TableIdentifier.of("shop", "orders"));
  }

  /**
   * The distinct codecs of the current files of {@code table} of {@code content} (0 data, 1
   * deletes).
   */
  private List<String> codecs(String table, int content) throws SQLException {
    String[] name = table.split("\\.", 2);
    List<String> codecs = new ArrayList<>();
    for (String line :
        lake.query("SELECT content, file_path FROM " + name[0] + ".\"" + name[1] + "$files\"")) {
      String[] parts = line.split("\\|", 2);
      if (Integer.parseInt(parts[0]) == content) {
        codecs.addAll(codecs(parts[1]));
      }
    }
    return codecs.stream().distinct().sorted().toList();
  }

  /** The distinct codecs of the column chunks of the local Parquet file at {@code location}. */
  static List<String> codecs(String location) throws SQLException {
    List<String> codecs = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement statement =
            duck.prepareStatement(
                "SELECT DISTINCT compression FROM parquet_metadata(?) ORDER BY 1")) {
      statement.setString(1, LocalFileIO.toLocalPath(location));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          codecs.add(rows.getString(1));
        }
      }
    }
    return codecs;
  }
}
