package io.dataplatform.lakehouse.flight;

import static io.dataplatform.lakehouse.flight.FlightClients.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.flight.sql.util.TableRef;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Catalog browsing as GUI clients do it, through Arrow's client and through JDBC. */
class TestFlightSqlMetadata {
  private static FlightTestServer server;
  private static BufferAllocator allocator;
  private static FlightSqlClient client;
  private static CredentialCallOption token;
  private static Connection connection;

  @BeforeAll
  static void start() throws Exception {
    server = new FlightTestServer();
    allocator = new RootAllocator();
    FlightClients.LoggedIn loggedIn = FlightClients.logIn(allocator, server);
    client = loggedIn.client();
    token = loggedIn.token();
    Properties properties = new Properties();
    properties.setProperty("user", FlightTestServer.USER);
    properties.setProperty("password", FlightTestServer.PASSWORD);
    connection = DriverManager.getConnection(server.jdbcUrl(), properties);
  }

  @AfterAll
  static void stop() throws Exception {
    connection.close();
    client.close();
    allocator.close();
    server.close();
  }

  @Test
  void catalogsAndSchemasComeFromInformationSchema() throws Exception {
    List<List<Object>> catalogs = rows(client, client.getCatalogs(token), token);
    assertTrue(catalogs.contains(List.of("memory")), catalogs.toString());
    List<List<Object>> schemas = rows(client, client.getSchemas(null, "de%", token), token);
    assertEquals(List.of(List.of("memory", "demo")), schemas);
    assertEquals(List.of(), rows(client, client.getSchemas("no_such_catalog", null, token), token));
  }

  @Test
  void tablesAreFilteredByPatternAndType() throws Exception {
    List<List<Object>> tables =
        rows(client, client.getTables(null, "demo", "%", null, false, token), token);
    assertTrue(tables.contains(List.of("memory", "demo", "people", "TABLE")), tables.toString());
    assertTrue(tables.contains(List.of("memory", "demo", "london", "VIEW")), tables.toString());
    List<List<Object>> views =
        rows(client, client.getTables(null, "demo", null, List.of("VIEW"), false, token), token);
    assertEquals(List.of(List.of("memory", "demo", "london", "VIEW")), views);
    List<List<Object>> pattern =
        rows(client, client.getTables(null, "d_mo", "peop%", null, false, token), token);
    assertEquals(List.of(List.of("memory", "demo", "people", "TABLE")), pattern);
  }

  @Test
  void tablesCanIncludeTheirArrowSchema() throws Exception {
    List<List<Object>> tables =
        rows(client, client.getTables(null, "demo", "all_types", null, true, token), token);
    assertEquals(1, tables.size());
    Schema schema =
        MessageSerializer.deserializeSchema(
            new ReadChannel(
                Channels.newChannel(new ByteArrayInputStream((byte[]) tables.get(0).get(4)))));
    assertEquals(16, schema.getFields().size());
    Field amount = schema.findField("amount");
    assertEquals(new ArrowType.Decimal(15, 2, 128), amount.getType());
    FlightSqlColumnMetadata metadata = new FlightSqlColumnMetadata(amount.getMetadata());
    assertEquals("DECIMAL(15,2)", metadata.getTypeName());
    assertEquals(15, metadata.getPrecision());
    assertEquals(2, metadata.getScale());
    assertEquals("all_types", metadata.getTableName());
    assertEquals(ArrowType.List.INSTANCE, schema.findField("tags").getType());
    assertEquals(ArrowType.Utf8.INSTANCE, schema.findField("tags").getChildren().get(0).getType());
  }

  @Test
  void tableTypesKeysSqlInfoAndTypeInfo() throws Exception {
    List<List<Object>> types = rows(client, client.getTableTypes(token), token);
    assertTrue(types.containsAll(List.of(List.of("TABLE"), List.of("VIEW"))), types.toString());
    assertEquals(
        List.of(),
        rows(client, client.getPrimaryKeys(TableRef.of(null, "demo", "people"), token), token));
    assertEquals(
        List.of(),
        rows(client, client.getExportedKeys(TableRef.of(null, "demo", "people"), token), token));

    Map<Integer, Object> info = new HashMap<>();
    for (List<Object> row :
        rows(
            client,
            client.getSqlInfo(
                new SqlInfo[] {
                  SqlInfo.FLIGHT_SQL_SERVER_NAME,
                  SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY,
                  SqlInfo.SQL_IDENTIFIER_QUOTE_CHAR
                },
                token),
            token)) {
      info.put(((Number) row.get(0)).intValue(), row.get(1));
    }
    assertEquals("Data Platform", info.get(SqlInfo.FLIGHT_SQL_SERVER_NAME_VALUE).toString());
    assertEquals(false, info.get(SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY_VALUE));
    assertEquals("\"", info.get(SqlInfo.SQL_IDENTIFIER_QUOTE_CHAR_VALUE).toString());

    List<Object> decimalTypes = new ArrayList<>();
    for (List<Object> row : rows(client, client.getXdbcTypeInfo(Types.DECIMAL, token), token)) {
      decimalTypes.add(row.get(0));
    }
    assertEquals(List.of("DECIMAL", "HUGEINT"), decimalTypes);
  }

  @Test
  void jdbcDatabaseMetaDataBrowsesTheCatalog() throws Exception {
    DatabaseMetaData metaData = connection.getMetaData();
    assertEquals("Data Platform", metaData.getDatabaseProductName());
    assertEquals("\"", metaData.getIdentifierQuoteString());
    assertFalse(metaData.isReadOnly());

    assertTrue(column(metaData.getCatalogs(), "TABLE_CAT").contains("memory"));
    assertEquals(List.of("demo"), column(metaData.getSchemas("memory", "demo"), "TABLE_SCHEM"));
    assertEquals(
        List.of("all_types", "people", "scratch"),
        column(metaData.getTables(null, "demo", "%", new String[] {"TABLE"}), "TABLE_NAME"));
    assertEquals(
        List.of("london"),
        column(metaData.getTables(null, "demo", "%", new String[] {"VIEW"}), "TABLE_NAME"));
    assertTrue(
        column(metaData.getTableTypes(), "TABLE_TYPE").containsAll(List.of("TABLE", "VIEW")));
    assertEquals(List.of(), column(metaData.getPrimaryKeys(null, "demo", "people"), "COLUMN_NAME"));
    assertEquals(
        List.of(), column(metaData.getImportedKeys(null, "demo", "people"), "FKCOLUMN_NAME"));
  }

  @Test
  void jdbcColumnsCarryTypesSizesAndNullability() throws Exception {
    DatabaseMetaData metaData = connection.getMetaData();
    Map<String, List<Object>> columns = new HashMap<>();
    try (ResultSet rows = metaData.getColumns(null, "demo", "%", "%")) {
      while (rows.next()) {
        columns.put(
            rows.getString("TABLE_NAME") + "." + rows.getString("COLUMN_NAME"),
            List.of(
                rows.getInt("DATA_TYPE"),
                rows.getString("TYPE_NAME"),
                rows.getInt("COLUMN_SIZE"),
                rows.getInt("DECIMAL_DIGITS"),
                rows.getInt("NULLABLE")));
      }
    }
    assertEquals(
        List.of(Types.DECIMAL, "DECIMAL(15,2)", 15, 2, DatabaseMetaData.columnNullable),
        columns.get("all_types.amount"));
    assertEquals(Types.INTEGER, columns.get("people.id").get(0));
    assertEquals(DatabaseMetaData.columnNoNulls, columns.get("people.id").get(4));
    assertEquals(Types.DATE, columns.get("all_types.day").get(0));
    assertEquals(Types.TIMESTAMP, columns.get("all_types.happened_at").get(0));
    assertEquals(Types.VARCHAR, columns.get("london.name").get(0));
  }

  private static List<String> column(ResultSet rows, String name) throws Exception {
    List<String> values = new ArrayList<>();
    try (rows) {
      while (rows.next()) {
        values.add(rows.getString(name));
      }
    }
    return values;
  }
}
