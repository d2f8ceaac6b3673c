package io.dataplatform.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.connector.CheckResult;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorSpec;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceMessage;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.api.connector.SyncMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every connector shares, written once (Iceberg's {@code CatalogTests} style). A
 * connector's test extends this class and describes its fixture: a stream with at least three rows,
 * a unique column {@code id}, and (when the connector reads incrementally) a cursor column.
 * Capabilities a connector lacks are skipped out loud, with the reason.
 */
public abstract class ConnectorContract {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir protected Path work;

  /** The connector under test, as registered. */
  protected abstract Connector connector();

  /** A configuration that reaches the fixture source. */
  protected abstract ConnectorConfig config();

  /** A configuration whose source cannot be reached (a closed port, a missing directory). */
  protected abstract ConnectorConfig unreachableConfig();

  /** A configuration with wrong credentials; empty when the source has none. */
  protected abstract Optional<ConnectorConfig> wrongCredentialsConfig();

  /** The name of the fixture stream. */
  protected abstract String fixtureStream();

  /** The rows the fixture stream holds before {@link #addFixtureRows} is called. */
  protected abstract long fixtureRows();

  /** The fixture stream's cursor column; empty when the connector has no incremental mode. */
  protected abstract Optional<String> fixtureCursor();

  /**
   * Adds rows with {@code id}s not used before and cursor values greater than every existing one;
   * returns their ids. Called only when {@link #fixtureCursor()} is present.
   */
  protected abstract List<String> addFixtureRows(int count) throws Exception;

  @Test
  void typeIsRegistered() {
    assertEquals(
        connector().getClass(), ConnectorRegistry.load().connector(connector().type()).getClass());
  }

  @Test
  void specIsAJsonSchemaWithSecretsMarked() throws Exception {
    ConnectorSpec spec = connector().spec();
    assertFalse(spec.title().isBlank(), "the spec has a title");
    JsonNode schema = JSON.readTree(spec.jsonSchema());
    assertEquals("object", schema.path("type").asText(), "the schema describes an object");
    assertTrue(schema.path("properties").isObject(), "the schema has properties");
    Iterator<String> names = schema.path("properties").fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.contains("password") || lower.contains("secret") || lower.endsWith("token")) {
        assertTrue(
            schema.path("properties").path(name).path("secret").asBoolean(),
            "property " + name + " is marked secret");
      }
    }
  }

  @Test
  void checkSucceedsOnTheFixture() {
    CheckResult result = connector().check(config());
    assertTrue(result.isSuccess(), result.message());
  }

  @Test
  void checkExplainsAnUnreachableSource() {
    CheckResult result = connector().check(unreachableConfig());
    assertFalse(result.isSuccess(), "check of an unreachable source fails");
    assertTrue(result.message().startsWith("Cannot "), result.message());
  }

  @Test
  void checkExplainsWrongCredentials() {
    Optional<ConnectorConfig> wrong = wrongCredentialsConfig();
    assumeTrue(wrong.isPresent(), connector().type() + " sources have no credentials");
    CheckResult result = connector().check(wrong.get());
    assertFalse(result.isSuccess(), "check with wrong credentials fails");
    assertTrue(result.message().startsWith("Cannot "), result.message());
    assertFalse(
        result.message().contains(String.valueOf(wrong.get().values().get("password"))),
        "the message does not repeat the password: " + result.message());
  }

  @Test
  void discoverDescribesTheFixtureStream() {
    SourceStream stream = fixture();
    assertTrue(stream.column("id").isPresent(), "the fixture stream has an id column");
    assertTrue(stream.syncModes().contains(SyncMode.FULL_REFRESH_OVERWRITE), "full refresh");
    assertTrue(stream.syncModes().contains(SyncMode.FULL_REFRESH_APPEND), "full refresh append");
    fixtureCursor()
        .ifPresent(
            cursor -> {
              assertTrue(stream.cursorCandidates().contains(cursor), "cursor candidate " + cursor);
              assertTrue(stream.syncModes().contains(SyncMode.INCREMENTAL_APPEND), "incremental");
            });
  }

  @Test
  void discoverOfAnUnreachableSourceSaysWhy() {
    DpException error =
        assertThrows(DpException.class, () -> connector().discover(unreachableConfig()));
    assertTrue(error.getMessage().startsWith("Cannot "), error.getMessage());
  }

  @Test
  void fullRefreshReadsEveryRowOnceThenEnds() throws Exception {
    SourceReads reads = read(SyncMode.FULL_REFRESH_OVERWRITE, Optional.empty(), StreamState.EMPTY);
    List<SourceReads.Row> rows = reads.rows(fixtureStream());
    assertEquals(fixtureRows(), rows.size(), "rows read");
    assertEquals(rows.size(), ids(rows).size(), "each id once");
    assertEquals(List.of(fixtureStream()), reads.ends, "the stream ended once");
    assertTrue(
        reads.messages.get(reads.messages.size() - 1) instanceof SourceMessage.StreamEnd,
        "the end comes last");
  }

  @Test
  void incrementalReadResumesFromItsCheckpoint() throws Exception {
    assumeTrue(fixtureCursor().isPresent(), connector().type() + " has no incremental mode");
    SourceReads first = read(SyncMode.INCREMENTAL_APPEND, fixtureCursor(), StreamState.EMPTY);
    assertEquals(fixtureRows(), first.rows(fixtureStream()).size(), "first read takes every row");
    StreamState state =
        first
            .lastCheckpoint(fixtureStream())
            .orElseThrow(() -> new AssertionError("no checkpoint"))
            .state();
    assertFalse(state.isEmpty(), "the checkpoint holds the cursor");

    SourceReads unchanged = read(SyncMode.INCREMENTAL_APPEND, fixtureCursor(), state);
    assertEquals(0, unchanged.rows(fixtureStream()).size(), "nothing new, nothing read");

    List<String> added = addFixtureRows(2);
    SourceReads second = read(SyncMode.INCREMENTAL_APPEND, fixtureCursor(), state);
    assertEquals(new TreeSet<>(added), ids(second.rows(fixtureStream())), "only the new rows");
  }

  @Test
  void readOfAnUnreachableSourceSaysWhy() {
    ConfiguredStream stream =
        new ConfiguredStream(
            fixture(),
            SyncMode.FULL_REFRESH_OVERWRITE,
            Optional.empty(),
            List.of(),
            StreamState.EMPTY);
    DpException error =
        assertThrows(
            DpException.class,
            () -> {
              try (SourceReader reader =
                  connector().read(unreachableConfig(), request(List.of(stream)))) {
                SourceReads.drain(reader, TIMEOUT);
              }
            });
    assertTrue(error.getMessage().startsWith("Cannot "), error.getMessage());
  }

  @Test
  void closingAReaderEarlyIsQuiet() throws Exception {
    ConfiguredStream stream =
        new ConfiguredStream(
            fixture(),
            SyncMode.FULL_REFRESH_OVERWRITE,
            Optional.empty(),
            List.of(),
            StreamState.EMPTY);
    SourceReader reader = connector().read(config(), request(List.of(stream)));
    reader.poll(Duration.ofMillis(100));
    reader.close();
    reader.close();
  }

  protected SourceStream fixture() {
    return connector().discover(config()).stream()
        .filter(stream -> stream.name().equals(fixtureStream()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("discover does not list " + fixtureStream()));
  }

  protected SourceReads read(SyncMode mode, Optional<String> cursor, StreamState state)
      throws Exception {
    SourceStream stream = fixture();
    ConfiguredStream configured =
        new ConfiguredStream(stream, mode, cursor, stream.primaryKey(), state);
    try (SourceReader reader = connector().read(config(), request(List.of(configured)))) {
      return SourceReads.drain(reader, TIMEOUT);
    }
  }

  protected ReadRequest request(List<ConfiguredStream> streams) {
    return new ReadRequest(streams, "contract", work, 1000);
  }

  private static Set<String> ids(List<SourceReads.Row> rows) {
    return rows.stream().map(row -> row.value("id")).collect(Collectors.toCollection(TreeSet::new));
  }
}
