package io.dataplatform.ingest.source.jdbc;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.CheckResult;
import io.dataplatform.api.connector.ConfiguredStream;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ReadRequest;
import io.dataplatform.api.connector.SourceReader;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.SyncMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every database connector shares: check, discover through {@link JdbcDiscovery}, and read
 * each stream in turn on one connection in a background thread. Subclasses say how to connect,
 * which dialect to use, and may replace how one stream is read (PostgreSQL's {@code COPY}).
 */
public abstract class JdbcSourceConnector implements Connector {
  /** How many messages may wait for the engine. */
  private static final int QUEUE_CAPACITY = 4;

  /** How to reach the database of a configuration. */
  protected abstract JdbcEndpoint endpoint(ConnectorConfig config);

  /** The schemas (or databases) to offer; empty: every one but the system's. */
  protected abstract List<String> namespaces(ConnectorConfig config);

  protected abstract JdbcDialect dialect();

  /** Whether streams with a primary key offer {@link SyncMode#CDC}. */
  protected JdbcTable.ChangeCaptureSupport changeCapture() {
    return JdbcTable.ChangeCaptureSupport.NONE;
  }

  /** A reader of the {@link SyncMode#CDC} streams of a request (all of its streams are CDC). */
  protected SourceReader changeCaptureReader(ConnectorConfig config, ReadRequest request) {
    throw new DpException(
        StandardErrorCode.NOT_SUPPORTED,
        "Cannot read "
            + type()
            + " source with change data capture: the connector has no change log");
  }

  /**
   * Reads one full-refresh or incremental stream and sends its end. The default runs a {@code
   * SELECT} through {@link TableRead}.
   */
  protected void readStream(
      ConnectorConfig config,
      Connection connection,
      JdbcTable table,
      ConfiguredStream stream,
      ReadRequest request,
      BackgroundReader.Output output)
      throws Exception {
    new TableRead(
            dialect(), SqlNames.of(connection.getMetaData()), table, stream, request.batchRows())
        .run(connection, output);
  }

  @Override
  public CheckResult check(ConnectorConfig config) {
    try {
      JdbcEndpoint endpoint = endpoint(config);
      try (Connection connection = endpoint.connect()) {
        int tables = discovery(config, endpoint).tables(connection).size();
        return CheckResult.succeeded(
            "Connected to "
                + endpoint.displayUrl()
                + " as "
                + endpoint.user().orElse("the URL's user")
                + "; "
                + tables
                + (tables == 1 ? " table" : " tables")
                + " to read");
      }
    } catch (DpException e) {
      return CheckResult.failed(e.getMessage());
    } catch (SQLException e) {
      return CheckResult.failed("Cannot check " + type() + " source: " + e.getMessage());
    }
  }

  @Override
  public List<SourceStream> discover(ConnectorConfig config) {
    JdbcEndpoint endpoint = endpoint(config);
    JdbcDiscovery discovery = discovery(config, endpoint);
    try (Connection connection = endpoint.connect()) {
      List<SourceStream> streams = new ArrayList<>();
      for (TableRef table : discovery.tables(connection)) {
        JdbcTable described = discovery.describe(connection, table);
        if (!described.columns().isEmpty()) {
          streams.add(described.stream(changeCapture(), dialect()::capturable));
        }
      }
      return streams;
    } catch (SQLException e) {
      throw JdbcErrors.read(endpoint, "the tables of " + endpoint.displayUrl(), e);
    }
  }

  @Override
  public SourceReader read(ConnectorConfig config, ReadRequest request) {
    JdbcEndpoint endpoint = endpoint(config);
    List<ConfiguredStream> changeLog = new ArrayList<>();
    List<ConfiguredStream> tables = new ArrayList<>();
    for (ConfiguredStream stream : request.streams()) {
      if (!stream.stream().syncModes().contains(stream.mode())) {
        throw new DpException(
            StandardErrorCode.NOT_SUPPORTED,
            "Cannot read stream "
                + stream.name()
                + ": the mode "
                + stream.mode().configName()
                + " is not offered (offered: "
                + stream.stream().syncModes().stream().map(SyncMode::configName).sorted().toList()
                + ")");
      }
      (stream.mode() == SyncMode.CDC ? changeLog : tables).add(stream);
    }
    SourceReader tableReader =
        new BackgroundReader(
            "dp-read-" + type() + "-" + request.connectionName(),
            tables.size(),
            QUEUE_CAPACITY,
            output -> readTables(config, endpoint, request, tables, output));
    if (changeLog.isEmpty()) {
      return tableReader;
    }
    SourceReader changeReader;
    try {
      changeReader =
          changeCaptureReader(
              config,
              new ReadRequest(
                  changeLog,
                  request.connectionName(),
                  request.workDirectory(),
                  request.batchRows()));
    } catch (RuntimeException e) {
      tableReader.close();
      throw e;
    }
    return tables.isEmpty() ? changeReader : new MergedReader(List.of(tableReader, changeReader));
  }

  private void readTables(
      ConnectorConfig config,
      JdbcEndpoint endpoint,
      ReadRequest request,
      List<ConfiguredStream> streams,
      BackgroundReader.Output output)
      throws Exception {
    if (streams.isEmpty()) {
      return;
    }
    JdbcDiscovery discovery = discovery(config, endpoint);
    try (Connection connection = endpoint.connect()) {
      for (ConfiguredStream stream : streams) {
        try {
          JdbcTable table =
              discovery.describe(connection, discovery.find(connection, stream.name()));
          dialect().prepareForStreaming(connection);
          readStream(config, connection, table, stream, request, output);
        } catch (SQLException e) {
          throw JdbcErrors.read(endpoint, "stream " + stream.name(), e);
        }
      }
    }
  }

  /** How the tables of a configuration are found and described. */
  protected JdbcDiscovery discovery(ConnectorConfig config, JdbcEndpoint endpoint) {
    return new JdbcDiscovery(endpoint, dialect(), namespaces(config));
  }

  /** The list setting {@code key} as strings. */
  protected static List<String> strings(ConnectorConfig config, String key) {
    return config.list(key).stream().map(String::valueOf).toList();
  }
}
