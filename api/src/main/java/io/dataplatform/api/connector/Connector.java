package io.dataplatform.api.connector;

import java.util.List;
import java.util.Map;

/**
 * A kind of source. Implementations are stateless and thread-safe; each call receives the
 * configuration of one connection. Registered with {@link java.util.ServiceLoader}.
 */
public interface Connector {
  /** The short type name used in connection files ({@code postgres}, {@code csv}, …). */
  String type();

  /** The configuration this connector accepts, as a JSON Schema with its secret fields marked. */
  ConnectorSpec spec();

  /**
   * Tries the configuration: reaches the source, authenticates, checks the rights needed to read.
   * Never throws for a problem of the source or of the configuration; says what is wrong instead.
   */
  CheckResult check(ConnectorConfig config);

  /**
   * The streams the source offers, with their columns, keys, cursor candidates and sync modes.
   *
   * @throws io.dataplatform.api.DpException when the source cannot be reached or the configuration
   *     is invalid, with a message that says what to do
   */
  List<SourceStream> discover(ConnectorConfig config);

  /**
   * Starts reading the requested streams from the given states. The reader owns its connections and
   * threads until it is closed.
   *
   * @throws io.dataplatform.api.DpException when the source cannot be reached, the configuration is
   *     invalid or a requested stream or mode is not offered
   */
  SourceReader read(ConnectorConfig config, ReadRequest request);

  /**
   * Facts about what {@link #read} keeps at the source for a connection, for the user (a
   * replication slot's name and lag in bytes). Default: none.
   */
  default Map<String, Object> sourceStatus(ConnectorConfig config, String connectionName) {
    return Map.of();
  }

  /**
   * Removes what {@link #read} created at the source for a connection that is being deleted
   * (replication slots, publications). Default: nothing to remove.
   *
   * @throws io.dataplatform.api.DpException when the source cannot be reached; the connection is
   *     then kept so the user can retry
   */
  default void release(ConnectorConfig config, String connectionName) {}
}
