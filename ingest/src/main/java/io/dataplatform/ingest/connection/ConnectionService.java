package io.dataplatform.ingest.connection;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.CheckResult;
import io.dataplatform.api.connector.Connector;
import io.dataplatform.api.connector.ConnectorContext;
import io.dataplatform.api.connector.SourceStream;
import io.dataplatform.api.connector.StreamState;
import io.dataplatform.ingest.source.ConnectorRegistry;
import io.dataplatform.ingest.sync.StreamPlan;
import io.dataplatform.ingest.sync.StreamRules;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connections: apply (create or replace) with validation against the connector and the source,
 * list, show with secrets hidden, delete, check and discover. Secrets are sealed before they are
 * stored and never leave this class in clear except to the connector.
 */
public final class ConnectionService {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether {@link #apply} was a creation or a replacement. */
  public enum Applied {
    CREATED,
    UPDATED
  }

  private final ConnectorRegistry registry;
  private final ConnectionRepository repository;
  private final SecretBox secrets;
  private final ConnectorContext context;
  private final Clock clock;

  public ConnectionService(
      ConnectorRegistry registry,
      ConnectionRepository repository,
      SecretBox secrets,
      ConnectorContext context,
      Clock clock) {
    this.registry = requireNonNull(registry, "registry");
    this.repository = requireNonNull(repository, "repository");
    this.secrets = requireNonNull(secrets, "secrets");
    this.context = requireNonNull(context, "context");
    this.clock = requireNonNull(clock, "clock");
  }

  public ConnectorRegistry registry() {
    return registry;
  }

  public ConnectorContext context() {
    return context;
  }

  /**
   * Validates and stores a connection. A secret given as {@link SecretFields#HIDDEN} keeps the
   * stored value, so a shown connection can be edited and applied again.
   *
   * @throws DpException when the connector, a setting, a stream, a mode, a cursor or a key is wrong
   *     or the source cannot be reached to discover its streams
   */
  public Applied apply(ConnectionDefinition connection) {
    requireNonNull(connection, "connection");
    Connector connector = registry.connector(connection.sourceType());
    SecretFields fields = SecretFields.of(connector.spec());
    Optional<ConnectionDefinition> stored = find(connection.name());
    ConnectionDefinition resolved = keepHiddenSecrets(connection, fields, stored);
    checkRequired(connector, resolved);
    validateStreams(connector, resolved);
    Map<String, Object> sealed =
        fields.rewrite(
            resolved.source(),
            (path, value) ->
                SecretBox.isSealed(value)
                    ? value
                    : secrets.seal(connection.name(), String.valueOf(value)));
    String json = ConnectionFiles.toJson(ConnectionFiles.toTree(resolved.withSource(sealed)));
    boolean created =
        repository.save(connection.name(), connection.sourceType(), json, clock.instant());
    return created ? Applied.CREATED : Applied.UPDATED;
  }

  /** The connection with its secrets hidden, as the API shows it. */
  public ConnectionDefinition show(String name) {
    ConnectionDefinition stored = require(name);
    SecretFields fields = SecretFields.of(registry.connector(stored.sourceType()).spec());
    return stored.withSource(fields.rewrite(stored.source(), (path, value) -> SecretFields.HIDDEN));
  }

  /** All connections with their secrets hidden, by name. */
  public List<ConnectionDefinition> list() {
    List<ConnectionDefinition> shown = new ArrayList<>();
    for (ConnectionRepository.Stored stored : repository.list()) {
      shown.add(show(stored.name()));
    }
    return shown;
  }

  /**
   * The connection with its secrets in clear, for a sync.
   *
   * @throws DpException NOT_FOUND when there is no such connection
   */
  public ConnectionDefinition resolve(String name) {
    ConnectionDefinition stored = require(name);
    SecretFields fields = SecretFields.of(registry.connector(stored.sourceType()).spec());
    return stored.withSource(
        fields.rewrite(
            stored.source(),
            (path, value) ->
                SecretBox.isSealed(value) ? secrets.open(name, (String) value) : value));
  }

  /**
   * Deletes a connection after the connector released what it keeps at the source (a replication
   * slot). Its tables stay.
   */
  public void delete(String name) {
    ConnectionDefinition connection = resolve(name);
    registry.connector(connection.sourceType()).release(connection.connectorConfig(context), name);
    repository.delete(name);
  }

  public CheckResult check(String name) {
    return check(resolve(name));
  }

  /** Tries a connection's source without storing anything. */
  public CheckResult check(ConnectionDefinition connection) {
    Connector connector = registry.connector(connection.sourceType());
    return connector.check(connection.connectorConfig(context));
  }

  public List<SourceStream> discover(String name) {
    return discover(resolve(name));
  }

  public List<SourceStream> discover(ConnectionDefinition connection) {
    Connector connector = registry.connector(connection.sourceType());
    return connector.discover(connection.connectorConfig(context));
  }

  /** What the connector keeps at the source for this connection (slot lag). */
  public Map<String, Object> sourceStatus(String name) {
    ConnectionDefinition connection = resolve(name);
    return registry
        .connector(connection.sourceType())
        .sourceStatus(connection.connectorConfig(context), name);
  }

  private Optional<ConnectionDefinition> find(String name) {
    return repository.find(name).map(stored -> ConnectionFiles.fromJson(stored.definition()));
  }

  private ConnectionDefinition require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new DpException(
                    StandardErrorCode.NOT_FOUND,
                    "Cannot find connection: there is none named '" + name + "'"));
  }

  private static ConnectionDefinition keepHiddenSecrets(
      ConnectionDefinition connection, SecretFields fields, Optional<ConnectionDefinition> stored) {
    return connection.withSource(
        fields.rewrite(
            connection.source(),
            (path, value) -> {
              if (!SecretFields.HIDDEN.equals(value)) {
                return value;
              }
              Object previous =
                  stored
                      .filter(s -> s.sourceType().equals(connection.sourceType()))
                      .map(s -> lookup(s.source(), path))
                      .orElse(null);
              if (previous == null) {
                throw new DpException(
                    StandardErrorCode.INVALID_CONFIGURATION,
                    "Cannot apply connection "
                        + connection.name()
                        + ": the secret 'source."
                        + path
                        + "' is hidden and no stored value exists; give its value");
              }
              return previous;
            }));
  }

  @SuppressWarnings("unchecked")
  private static Object lookup(Map<String, Object> values, String path) {
    Object current = values;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(part);
    }
    return current;
  }

  private static void checkRequired(Connector connector, ConnectionDefinition connection) {
    JsonNode schema;
    try {
      schema = JSON.readTree(connector.spec().jsonSchema());
    } catch (IOException e) {
      return;
    }
    List<String> missing = new ArrayList<>();
    schema
        .path("required")
        .forEach(
            field -> {
              String key = field.asText();
              if (connection.source().get(key) == null
                  && !schema.path("properties").path(key).has("default")) {
                missing.add("source." + key);
              }
            });
    if (!missing.isEmpty()) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot apply connection "
              + connection.name()
              + ": required settings are missing ("
              + String.join(", ", missing)
              + ")");
    }
  }

  private void validateStreams(Connector connector, ConnectionDefinition connection) {
    Map<String, SourceStream> discovered = new LinkedHashMap<>();
    for (SourceStream stream : connector.discover(connection.connectorConfig(context))) {
      discovered.put(stream.name(), stream);
    }
    for (StreamPlan plan : connection.plan("validation", context).streams()) {
      SourceStream source = StreamRules.find(connection.name(), plan.name(), discovered);
      StreamRules.configure(connection.name(), plan, source, StreamState.EMPTY);
    }
  }
}
