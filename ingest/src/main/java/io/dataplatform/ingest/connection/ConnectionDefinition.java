package io.dataplatform.ingest.connection;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorContext;
import io.dataplatform.ingest.sync.StreamPlan;
import io.dataplatform.ingest.sync.SyncPlan;
import io.dataplatform.lakehouse.load.DeleteMode;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A connection: a source, the streams to take from it with their modes, where they go and when.
 *
 * @param source the source's settings except {@code type}, with secrets in clear
 * @param namespace the lakehouse namespace of the tables ({@code destination.namespace}, default
 *     {@code raw})
 * @param deletes what a CDC delete does ({@code destination.deletes}: {@code hard} or {@code soft})
 * @param schedule a cron expression the orchestrator runs the sync on, if any
 */
public record ConnectionDefinition(
    String name,
    String sourceType,
    Map<String, Object> source,
    String namespace,
    DeleteMode deletes,
    List<StreamDefinition> streams,
    Optional<String> schedule) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  public ConnectionDefinition {
    requireNonNull(name, "name");
    requireNonNull(sourceType, "sourceType");
    source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
    requireNonNull(namespace, "namespace");
    requireNonNull(deletes, "deletes");
    streams = List.copyOf(streams);
    requireNonNull(schedule, "schedule");
    if (!NAME.matcher(name).matches()) {
      throw invalid(
          "the name must start with a lower-case letter and hold only lower-case letters, digits,"
              + " '-' and '_', at most 64 characters ("
              + name
              + ")");
    }
    Set<String> seen = new HashSet<>();
    Set<String> tables = new HashSet<>();
    for (StreamDefinition stream : streams) {
      if (!seen.add(stream.name())) {
        throw invalid("the stream is listed twice (" + stream.name() + ")");
      }
      if (!tables.add(stream.tableName())) {
        throw invalid(
            "two streams load the same table; give one a 'table' ("
                + stream.name()
                + " → "
                + stream.tableName()
                + ")");
      }
    }
  }

  private static DpException invalid(String reason) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION, "Cannot read connection: " + reason);
  }

  /** The source configuration for the connector. */
  public ConnectorConfig connectorConfig(ConnectorContext context) {
    return new ConnectorConfig(sourceType, source, context);
  }

  /** The plan of one sync of this connection. */
  public SyncPlan plan(String syncId, ConnectorContext context) {
    List<StreamPlan> plans =
        streams.stream()
            .map(
                stream ->
                    new StreamPlan(
                        stream.name(),
                        stream.mode(),
                        stream.cursor(),
                        stream.primaryKey(),
                        TableId.of(namespace, stream.tableName())))
            .toList();
    return new SyncPlan(name, syncId, connectorConfig(context), plans, deletes);
  }

  /** The same connection with other source settings. */
  public ConnectionDefinition withSource(Map<String, Object> newSource) {
    return new ConnectionDefinition(
        name, sourceType, newSource, namespace, deletes, streams, schedule);
  }
}
