package io.dataplatform.lakehouse.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableCommit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.view.View;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the REST catalog with Iceberg's own {@link RESTCatalog} client over real HTTP. Runs
 * against every kind of catalog the handler serves; clients use the in-memory FileIO for data
 * files.
 */
abstract class IcebergRestCatalogContract {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "name", Types.StringType.get()));
  private static final Namespace RAW = Namespace.of("raw");
  private static final Map<String, String> CLIENT_DEFAULTS =
      Map.of("io-impl", InMemoryFileIO.class.getName());

  private static final Comparator<Namespace> BY_NAME = Comparator.comparing(Namespace::toString);

  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private Catalog backend;
  private JdkHttpAdapter server;
  private RESTCatalog client;

  @BeforeEach
  void start() throws IOException {
    backend = newBackend();
    if (backend instanceof AutoCloseable closeable) {
      closeables.push(closeable);
    }
    server =
        closeLater(
            new JdkHttpAdapter(new IcebergRestHandler(backend, CLIENT_DEFAULTS), Optional.empty()));
    client = connect(server, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    while (!closeables.isEmpty()) {
      closeables.pop().close();
    }
  }

  @Test
  void namespacesAreCreatedListedUpdatedAndDropped() {
    Namespace nested = Namespace.of("raw", "crm");
    // Iceberg's request builders probe for null values, which immutable JDK maps reject
    client.createNamespace(RAW, new HashMap<>(Map.of("owner", "ingest")));
    client.createNamespace(nested);

    assertEquals(List.of(RAW), client.listNamespaces());
    assertEquals(List.of(nested), client.listNamespaces(RAW));
    assertEquals("ingest", client.loadNamespaceMetadata(RAW).get("owner"));
    assertTrue(client.namespaceExists(nested));
    assertFalse(client.namespaceExists(Namespace.of("staging")));

    assertTrue(client.setProperties(RAW, new HashMap<>(Map.of("tier", "bronze"))));
    // the client answers whether properties were *updated*, so only the result is checked
    client.removeProperties(RAW, new HashSet<>(Set.of("owner")));
    assertEquals(Map.of("tier", "bronze"), withoutLocation(client.loadNamespaceMetadata(RAW)));

    AlreadyExistsException duplicate =
        assertThrows(AlreadyExistsException.class, () -> client.createNamespace(RAW));
    assertTrue(duplicate.getMessage().contains("raw"), duplicate.getMessage());
    NoSuchNamespaceException missing =
        assertThrows(
            NoSuchNamespaceException.class,
            () -> client.loadNamespaceMetadata(Namespace.of("nope")));
    assertTrue(missing.getMessage().contains("nope"), missing.getMessage());

    client.createTable(TableIdentifier.of(nested, "accounts"), SCHEMA);
    NamespaceNotEmptyException notEmpty =
        assertThrows(NamespaceNotEmptyException.class, () -> client.dropNamespace(nested));
    assertTrue(notEmpty.getMessage().contains("raw.crm"), notEmpty.getMessage());
    assertTrue(client.dropTable(TableIdentifier.of(nested, "accounts")));
    assertTrue(client.dropNamespace(nested));
    assertFalse(client.dropNamespace(nested));
    assertEquals(List.of(), client.listNamespaces(RAW));
  }

  @Test
  void listingsArePagedWhenTheClientAsksForPages() {
    RESTCatalog paging = connect(server, Map.of("rest-page-size", "2"));
    List<Namespace> created = List.of(Namespace.of("a"), Namespace.of("b"), Namespace.of("c"));
    created.forEach(paging::createNamespace);
    for (String name : List.of("t1", "t2", "t3")) {
      paging.createTable(TableIdentifier.of("a", name), SCHEMA);
    }

    assertEquals(created, paging.listNamespaces().stream().sorted(BY_NAME).toList());
    assertEquals(3, paging.listTables(Namespace.of("a")).size());
    long namespacePages =
        server.requests().stream().filter(r -> r.startsWith("GET /v1/namespaces 200")).count();
    assertEquals(2, namespacePages, server.requests().toString());
  }

  @Test
  void appendedFilesAreVisibleAfterLoadRenameAndDrop() {
    client.createNamespace(RAW);
    TableIdentifier events = TableIdentifier.of(RAW, "events");
    Table created = client.createTable(events, SCHEMA, PartitionSpec.unpartitioned());
    assertInstanceOf(InMemoryFileIO.class, created.io());

    created
        .newAppend()
        .appendFile(dataFile("/dp-warehouse/raw/events/data/a.parquet", 10))
        .commit();

    Table loaded = connect(server, Map.of()).loadTable(events);
    assertNotNull(loaded.currentSnapshot());
    assertEquals("10", loaded.currentSnapshot().summary().get("added-records"));
    List<String> paths = new ArrayList<>();
    loaded.currentSnapshot().addedDataFiles(loaded.io()).forEach(f -> paths.add(f.location()));
    assertEquals(List.of("/dp-warehouse/raw/events/data/a.parquet"), paths);
    assertEquals(SCHEMA.asStruct(), loaded.schema().asStruct());
    Table snapshots = client.loadTable(TableIdentifier.of("raw", "events", "snapshots"));
    assertEquals("dp.raw.events.snapshots", snapshots.name());
    assertEquals(loaded.currentSnapshot().snapshotId(), snapshots.currentSnapshot().snapshotId());

    assertEquals(List.of(events), client.listTables(RAW));
    assertTrue(client.tableExists(events));
    TableIdentifier renamed = TableIdentifier.of(RAW, "events_v2");
    client.renameTable(events, renamed);
    assertFalse(client.tableExists(events));
    assertEquals(
        loaded.currentSnapshot().snapshotId(),
        client.loadTable(renamed).currentSnapshot().snapshotId());

    assertTrue(client.dropTable(renamed, true));
    assertFalse(client.dropTable(renamed));
    assertEquals(List.of(), client.listTables(RAW));
  }

  @Test
  void stagedCreateCommitsTableAndDataTogether() {
    client.createNamespace(RAW);
    TableIdentifier orders = TableIdentifier.of(RAW, "orders");
    Transaction transaction =
        client.buildTable(orders, SCHEMA).withProperty("format-version", "2").createTransaction();
    transaction
        .newAppend()
        .appendFile(dataFile("/dp-warehouse/raw/orders/data/o.parquet", 7))
        .commit();
    assertFalse(client.tableExists(orders));

    transaction.commitTransaction();

    Table table = client.loadTable(orders);
    assertEquals(2, ((HasTableOperations) table).operations().current().formatVersion());
    assertEquals("7", table.currentSnapshot().summary().get("total-records"));
  }

  @Test
  void droppedTableIsRegisteredAgainFromItsMetadataFile() {
    client.createNamespace(RAW);
    TableIdentifier events = TableIdentifier.of(RAW, "events");
    Table table = client.createTable(events, SCHEMA);
    table.newAppend().appendFile(dataFile("/dp-warehouse/raw/events/data/r.parquet", 3)).commit();
    String metadataLocation = metadata(client.loadTable(events)).metadataFileLocation();
    assertTrue(client.dropTable(events, false));

    Table registered =
        client.registerTable(TableIdentifier.of(RAW, "events_back"), metadataLocation);

    assertEquals(table.currentSnapshot().snapshotId(), registered.currentSnapshot().snapshotId());
    AlreadyExistsException duplicate =
        assertThrows(
            AlreadyExistsException.class,
            () -> client.registerTable(TableIdentifier.of(RAW, "events_back"), metadataLocation));
    assertTrue(duplicate.getMessage().contains("raw.events_back"), duplicate.getMessage());
  }

  @Test
  void viewsAreCreatedReplacedRenamedAndDropped() {
    client.createNamespace(RAW);
    TableIdentifier active = TableIdentifier.of(RAW, "active_customers");
    client
        .buildView(active)
        .withSchema(SCHEMA)
        .withDefaultNamespace(RAW)
        .withQuery("spark", "SELECT id, name FROM customers WHERE active")
        .create();

    assertEquals(List.of(active), client.listViews(RAW));
    assertTrue(client.viewExists(active));
    assertEquals(
        "SELECT id, name FROM customers WHERE active",
        client.loadView(active).sqlFor("spark").sql());

    client
        .buildView(active)
        .withSchema(SCHEMA)
        .withDefaultNamespace(RAW)
        .withQuery("spark", "SELECT id, name FROM customers WHERE active AND id > 0")
        .replace();
    View replaced = client.loadView(active);
    assertEquals(2, replaced.currentVersion().versionId());
    assertEquals(
        "SELECT id, name FROM customers WHERE active AND id > 0", replaced.sqlFor("spark").sql());

    TableIdentifier renamed = TableIdentifier.of(RAW, "customers_active");
    client.renameView(active, renamed);
    assertFalse(client.viewExists(active));
    assertTrue(client.dropView(renamed));
    assertFalse(client.dropView(renamed));
    NoSuchViewException missing =
        assertThrows(NoSuchViewException.class, () -> client.loadView(renamed));
    assertTrue(missing.getMessage().contains("raw.customers_active"), missing.getMessage());
  }

  @Test
  void missingTablesAndNamespacesAreReportedWithTheirNames() {
    client.createNamespace(RAW);
    NoSuchTableException table =
        assertThrows(
            NoSuchTableException.class, () -> client.loadTable(TableIdentifier.of(RAW, "missing")));
    assertEquals("Table does not exist: raw.missing", table.getMessage());

    NoSuchNamespaceException namespace =
        assertThrows(
            NoSuchNamespaceException.class,
            () -> client.createTable(TableIdentifier.of("nowhere", "t"), SCHEMA));
    assertTrue(namespace.getMessage().contains("nowhere"), namespace.getMessage());
  }

  @Test
  void commitBasedOnStaleMetadataFailsWithConflict() {
    client.createNamespace(RAW);
    TableIdentifier events = TableIdentifier.of(RAW, "events");
    client.createTable(events, SCHEMA);
    TableOperations staleWriter = operations(connect(server, Map.of()).loadTable(events));
    TableMetadata stale = staleWriter.current();

    client.loadTable(events).updateSchema().addColumn("email", Types.StringType.get()).commit();
    CommitFailedException conflict =
        assertThrows(
            CommitFailedException.class,
            () -> staleWriter.commit(stale, withColumn(stale, "phone")));

    assertTrue(
        conflict.getMessage().startsWith("Commit failed: Requirement failed"),
        conflict.getMessage());
    assertEquals(
        List.of("id", "name", "email"),
        client.loadTable(events).schema().columns().stream().map(f -> f.name()).toList());
  }

  @Test
  void transactionCommitsSeveralTablesOrRejectsStaleChanges() {
    client.createNamespace(RAW);
    TableIdentifier orders = TableIdentifier.of(RAW, "orders");
    TableIdentifier customers = TableIdentifier.of(RAW, "customers");
    TableMetadata ordersBase = operations(client.createTable(orders, SCHEMA)).current();
    TableMetadata customersBase = operations(client.createTable(customers, SCHEMA)).current();

    client.commitTransaction(
        TableCommit.create(orders, ordersBase, withColumn(ordersBase, "run_id")),
        TableCommit.create(customers, customersBase, withColumn(customersBase, "run_id")));

    assertNotNull(client.loadTable(orders).schema().findField("run_id"));
    assertNotNull(client.loadTable(customers).schema().findField("run_id"));

    TableMetadata ordersNow = operations(client.loadTable(orders)).current();
    CommitFailedException stale =
        assertThrows(
            CommitFailedException.class,
            () ->
                client.commitTransaction(
                    TableCommit.create(orders, ordersNow, withColumn(ordersNow, "batch")),
                    TableCommit.create(
                        customers, customersBase, withColumn(customersBase, "batch"))));
    assertTrue(stale.getMessage().contains("Requirement failed"), stale.getMessage());
    assertEquals(null, client.loadTable(orders).schema().findField("batch"));
  }

  @Test
  void scanReportsArePostedToTheMetricsEndpoint() throws Exception {
    client.createNamespace(RAW);
    TableIdentifier events = TableIdentifier.of(RAW, "events");
    Table table = client.createTable(events, SCHEMA);
    table.newAppend().appendFile(dataFile("/dp-warehouse/raw/events/data/m.parquet", 5)).commit();

    int tasks = 0;
    try (CloseableIterable<FileScanTask> planned = client.loadTable(events).newScan().planFiles()) {
      for (FileScanTask ignored : planned) {
        tasks++;
      }
    }

    assertEquals(1, tasks);
    String expected = "POST /v1/namespaces/raw/tables/events/metrics 204";
    for (int attempt = 0; attempt < 50 && !server.requests().contains(expected); attempt++) {
      Thread.sleep(100);
    }
    assertTrue(server.requests().contains(expected), server.requests().toString());
  }

  @Test
  void clientCredentialsAreExchangedForTheBearerToken() throws IOException {
    TokenExchange exchange =
        (clientId, secret) ->
            clientId.equals("spark") && secret.equals("s3cret")
                ? Optional.of("token-for-spark")
                : Optional.empty();
    IcebergRestHandler handler =
        new IcebergRestHandler(backend, IcebergRestConfig.withDefaults(CLIENT_DEFAULTS), exchange);
    JdkHttpAdapter secured =
        closeLater(new JdkHttpAdapter(handler, Optional.of("token-for-spark")));

    RESTCatalog authorized = connect(secured, Map.of("credential", "spark:s3cret"));
    authorized.createNamespace(RAW);
    assertEquals(List.of(RAW), authorized.listNamespaces());

    NotAuthorizedException wrongSecret =
        assertThrows(
            NotAuthorizedException.class,
            () -> connect(secured, Map.of("credential", "spark:wrong")));
    assertEquals(
        "Not authorized: invalid_client: Cannot issue a token: unknown client or wrong secret (spark)",
        wrongSecret.getMessage());
    NotAuthorizedException anonymous =
        assertThrows(NotAuthorizedException.class, () -> connect(secured, Map.of()));
    assertTrue(
        anonymous.getMessage().contains("bearer token missing or wrong"), anonymous.getMessage());
  }

  /**
   * A new, empty catalog to serve, with namespaces and views, whose warehouse is {@code
   * /dp-warehouse} in {@link InMemoryFileIO}.
   */
  protected abstract Catalog newBackend();

  private RESTCatalog connect(JdkHttpAdapter target, Map<String, String> properties) {
    RESTCatalog catalog = new RESTCatalog();
    closeables.push(catalog);
    Map<String, String> all = new HashMap<>(properties);
    all.put("uri", target.uri());
    catalog.initialize("dp", all);
    return catalog;
  }

  private <T extends AutoCloseable> T closeLater(T closeable) {
    closeables.push(closeable);
    return closeable;
  }

  private static DataFile dataFile(String path, long records) {
    return DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath(path)
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(1024)
        .withRecordCount(records)
        .build();
  }

  private static TableOperations operations(Table table) {
    return ((HasTableOperations) table).operations();
  }

  private static TableMetadata metadata(Table table) {
    return operations(table).current();
  }

  /** The metadata a writer would produce by adding an optional string column to {@code base}. */
  private static TableMetadata withColumn(TableMetadata base, String name) {
    int fieldId = base.lastColumnId() + 1;
    List<Types.NestedField> columns = new ArrayList<>(base.schema().columns());
    columns.add(Types.NestedField.optional(fieldId, name, Types.StringType.get()));
    return TableMetadata.buildFrom(base).setCurrentSchema(new Schema(columns), fieldId).build();
  }

  private static Map<String, String> withoutLocation(Map<String, String> properties) {
    Map<String, String> copy = new HashMap<>(properties);
    copy.remove("location");
    return copy;
  }
}
