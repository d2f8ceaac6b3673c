package io.dataplatform.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.TableId;
import io.dataplatform.lakehouse.catalog.CatalogObject;
import io.dataplatform.lakehouse.catalog.ObjectKind;
import io.dataplatform.lakehouse.catalog.TableDetails;
import io.dataplatform.lakehouse.sql.ColumnDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLakehouseIntrospection {
  @TempDir Path directory;
  LakehouseFixture lake;

  @BeforeEach
  void open() {
    lake = new LakehouseFixture(directory);
    lake.update("CREATE SCHEMA raw");
    lake.update("CREATE SCHEMA IF NOT EXISTS marts");
    lake.update("CREATE SCHEMA IF NOT EXISTS marts");
    lake.update(
        "CREATE TABLE raw.orders (id INTEGER NOT NULL, day DATE) PARTITIONED BY (day(day))");
    lake.update("INSERT INTO raw.orders VALUES (1, DATE '2024-05-01')");
    lake.update(
        "CREATE VIEW marts.daily AS SELECT day, count(*) AS orders FROM raw.orders GROUP BY day");
  }

  @AfterEach
  void close() {
    lake.close();
  }

  @Test
  void showAndDescribe() {
    assertEquals(List.of("marts", "raw"), lake.query("SHOW SCHEMAS"));
    assertEquals(List.of("raw|orders|BASE TABLE"), lake.query("SHOW TABLES FROM raw"));
    assertEquals(List.of("marts|daily|VIEW", "raw|orders|BASE TABLE"), lake.query("SHOW TABLES"));
    assertEquals(
        List.of("id|INTEGER|NO|null", "day|DATE|YES|null"), lake.query("DESCRIBE raw.orders"));
    assertEquals(
        List.of("day|DATE|YES|null", "orders|BIGINT|YES|null"), lake.query("DESCRIBE marts.daily"));
    DpException missing = assertThrows(DpException.class, () -> lake.query("DESCRIBE raw.nothing"));
    assertEquals("Cannot find table: raw.nothing", missing.getMessage());
  }

  @Test
  void informationSchemaAnswersFromTheCatalog() {
    assertEquals(
        List.of("marts|daily|VIEW", "raw|orders|BASE TABLE"),
        lake.query(
            "SELECT table_schema, table_name, table_type FROM information_schema.tables ORDER BY 1, 2"));
    assertEquals(
        List.of("id|1|INTEGER", "day|2|DATE"),
        lake.query(
            "SELECT column_name, ordinal_position, data_type FROM information_schema.columns"
                + " WHERE table_name = 'orders' ORDER BY ordinal_position"));
    assertEquals(List.of("2"), lake.query("SELECT count(*) FROM information_schema.schemata"));
    assertEquals(List.of("2024-05-01|1"), lake.query("SELECT * FROM marts.daily"));
  }

  @Test
  void describeReportsResultColumns() {
    assertEquals(
        List.of(new ColumnDescriptor("id", "INTEGER", java.sql.Types.INTEGER)),
        lake.lakehouse
            .sql()
            .describe(LakehouseFixture.SESSION, "SELECT id FROM raw.orders WHERE id = ?"));
    assertEquals(
        List.of(),
        lake.lakehouse.sql().describe(LakehouseFixture.SESSION, "DELETE FROM raw.orders"));
    assertEquals(List.of("1"), lake.query("SELECT id FROM raw.orders WHERE id = ?", 1));
  }

  @Test
  void browserListsAndDescribes() {
    assertEquals(List.of("marts", "raw"), lake.lakehouse.browser().namespaces());
    assertEquals(
        List.of(new CatalogObject("orders", ObjectKind.TABLE)),
        lake.lakehouse.browser().objects("raw"));
    TableDetails orders = lake.lakehouse.browser().describe(TableId.of("raw", "orders"));
    assertEquals(ObjectKind.TABLE, orders.kind());
    assertEquals(List.of("day(day)"), orders.partitioning());
    assertEquals(1, orders.snapshots().size());
    assertEquals("append", orders.snapshots().get(0).operation());
    assertEquals("INTEGER", orders.columns().get(0).type());
    assertEquals(false, orders.columns().get(0).nullable());
    assertTrue(orders.location().endsWith("/warehouse/raw/orders"), orders.location());
    TableDetails daily = lake.lakehouse.browser().describe(TableId.of("marts", "daily"));
    assertEquals(ObjectKind.VIEW, daily.kind());
    assertEquals(
        Optional.of("SELECT day, count(*) AS orders FROM raw.orders GROUP BY day"),
        daily.viewSql());
    DpException missing =
        assertThrows(
            DpException.class, () -> lake.lakehouse.browser().describe(TableId.of("raw", "nope")));
    assertEquals(StandardErrorCode.NOT_FOUND, missing.code());
    assertEquals("Cannot find table: raw.nope", missing.getMessage());
  }
}
