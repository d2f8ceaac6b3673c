package io.dataplatform.ingest.source;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.Connector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The connectors on the class path, by type name. */
public final class ConnectorRegistry {
  private final Map<String, Connector> connectors;

  private ConnectorRegistry(Map<String, Connector> connectors) {
    this.connectors = Collections.unmodifiableMap(connectors);
  }

  /** Every connector registered with {@link ServiceLoader} in this class loader. */
  public static ConnectorRegistry load() {
    List<Connector> found = new ArrayList<>();
    ServiceLoader.load(Connector.class, ConnectorRegistry.class.getClassLoader())
        .forEach(found::add);
    return of(found);
  }

  /** A registry of exactly these connectors; two with the same type are refused. */
  public static ConnectorRegistry of(Collection<Connector> connectors) {
    Map<String, Connector> byType = new TreeMap<>();
    for (Connector connector : connectors) {
      Connector previous = byType.putIfAbsent(connector.type(), connector);
      if (previous != null) {
        throw new IllegalStateException(
            "Cannot register connector: two connectors have the type "
                + connector.type()
                + " ("
                + previous.getClass().getName()
                + ", "
                + connector.getClass().getName()
                + ")");
      }
    }
    return new ConnectorRegistry(byType);
  }

  /** The connector of this type. */
  public Connector connector(String type) {
    requireNonNull(type, "type");
    Connector connector = connectors.get(type);
    if (connector == null) {
      throw new DpException(
          StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot find connector: no source type '"
              + type
              + "'; "
              + (connectors.isEmpty()
                  ? "no connectors are installed"
                  : "the types are " + String.join(", ", connectors.keySet())));
    }
    return connector;
  }

  /** All connectors, sorted by type. */
  public Collection<Connector> connectors() {
    return connectors.values();
  }
}
