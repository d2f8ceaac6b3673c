package io.dataplatform.ingest.source.file;

import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorContext;
import io.dataplatform.ingest.source.ConnectorContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector contract for a file format read from an import directory: the fixture stream {@code
 * orders} is a folder of files of rows (id, amount, customer); new rows arrive as a new file.
 */
abstract class LocalFileContract extends ConnectorContract {
  /** A fixture row. */
  record Order(long id, double amount, String customer) {}

  @TempDir Path imports;
  private int nextId = 1;
  private int nextFile = 1;
  private Instant clock = Instant.parse("2024-03-01T10:00:00Z");

  /** Writes the rows as one file of the format under test. */
  protected abstract void write(Path file, List<Order> orders) throws Exception;

  /** The file name extension of the format. */
  protected abstract String extension();

  @BeforeEach
  void writeFixture() throws Exception {
    Files.createDirectories(imports.resolve("orders"));
    addFixtureRows(3);
  }

  @Override
  protected ConnectorConfig config() {
    return config(Map.of());
  }

  /** The fixture configuration with extra or replaced settings. */
  protected ConnectorConfig config(Map<String, Object> extra) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("path", "orders");
    values.put("primary_key", List.of("id"));
    values.putAll(extra);
    return new ConnectorConfig(
        connector().type(), values, new ConnectorContext(List.of(imports), Optional.empty()));
  }

  @Override
  protected ConnectorConfig unreachableConfig() {
    return config(Map.of("path", "no-such-folder"));
  }

  @Override
  protected Optional<ConnectorConfig> wrongCredentialsConfig() {
    return Optional.empty();
  }

  @Override
  protected String fixtureStream() {
    return "orders";
  }

  @Override
  protected long fixtureRows() {
    return 3;
  }

  @Override
  protected Optional<String> fixtureCursor() {
    return Optional.of("_dp_file_modified");
  }

  @Override
  protected List<String> addFixtureRows(int count) throws Exception {
    List<Order> orders = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long id = nextId++;
      orders.add(new Order(id, id * 10.25, "customer " + id));
      ids.add(String.valueOf(id));
    }
    Path file = imports.resolve("orders").resolve("part-" + nextFile++ + "." + extension());
    write(file, orders);
    Files.setLastModifiedTime(file, FileTime.from(clock));
    clock = clock.plusSeconds(60);
    return ids;
  }
}
