package io.dataplatform.ingest.source.jdbc;

import io.dataplatform.api.connector.ConnectorConfig;
import io.dataplatform.api.connector.ConnectorSpec;
import java.util.List;
import java.util.Properties;

/**
 * Any database with a JDBC driver on the class path (type {@code jdbc}): tables and views through
 * {@link java.sql.DatabaseMetaData}, full refresh and incremental reads with a streaming {@code
 * SELECT}. Settings: {@code url}, {@code user}, {@code password}, optional {@code driver} (a driver
 * class to load when {@link java.sql.DriverManager} does not find one) and {@code schemas}.
 */
public final class JdbcConnector extends JdbcSourceConnector {
  public static final String TYPE = "jdbc";

  private static final String SCHEMA =
      """
      {
        "type": "object",
        "required": ["url"],
        "properties": {
          "url": {"type": "string", "title": "JDBC URL",
            "description": "The driver's connection URL, e.g. jdbc:h2:/data/shop or jdbc:sqlserver://host;databaseName=shop"},
          "user": {"type": "string", "title": "User"},
          "password": {"type": "string", "title": "Password", "secret": true},
          "driver": {"type": "string", "title": "Driver class",
            "description": "A java.sql.Driver class to load; only when the driver does not register itself"},
          "schemas": {"type": "array", "items": {"type": "string"}, "title": "Schemas",
            "description": "Schemas to offer; default every schema but the system's"}
        }
      }
      """;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ConnectorSpec spec() {
    return new ConnectorSpec(
        "Generic JDBC",
        SCHEMA,
        "Reads tables and views of any database whose JDBC driver is on the platform's class"
            + " path. Incremental modes need a number, date, timestamp or string cursor column.");
  }

  @Override
  protected JdbcEndpoint endpoint(ConnectorConfig config) {
    return new JdbcEndpoint(
        TYPE,
        config.string("url"),
        config.optionalString("user"),
        config.optionalString("password"),
        new Properties(),
        config.optionalString("driver"));
  }

  @Override
  protected List<String> namespaces(ConnectorConfig config) {
    return strings(config, "schemas");
  }

  @Override
  protected JdbcDialect dialect() {
    return JdbcDialect.GENERIC;
  }
}
