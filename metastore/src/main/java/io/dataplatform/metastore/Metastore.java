package io.dataplatform.metastore;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The opened metastore: a pooled data source whose schema has been migrated. */
public final class Metastore implements AutoCloseable {
  private final MetastoreConfig config;
  private final HikariDataSource dataSource;

  private Metastore(MetastoreConfig config, HikariDataSource dataSource) {
    this.config = requireNonNull(config, "config");
    this.dataSource = requireNonNull(dataSource, "dataSource");
  }

  /** Opens the database and applies pending migrations. */
  public static Metastore open(MetastoreConfig config) {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(config.url());
    config.userIfAny().ifPresent(pool::setUsername);
    if (!config.password().isEmpty()) {
      pool.setPassword(config.password());
    }
    pool.setMaximumPoolSize(8);
    pool.setMinimumIdle(1);
    pool.setPoolName("metastore");
    pool.setInitializationFailTimeout(-1);
    HikariDataSource dataSource = new HikariDataSource(pool);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .table("dp_schema_history")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot open metastore: " + rootMessage(e) + " (" + config.url() + ")",
          e);
    }
    return new Metastore(config, dataSource);
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage()).lines().findFirst().orElse("unknown error");
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public MetastoreConfig config() {
    return config;
  }

  public UserRepository users() {
    return new UserRepository(dataSource);
  }

  public TokenRepository tokens() {
    return new TokenRepository(dataSource);
  }

  public QueryHistoryRepository queries() {
    return new QueryHistoryRepository(dataSource);
  }

  @Override
  public void close() {
    if (config.url().startsWith("jdbc:h2:")) {
      try (var connection = dataSource.getConnection();
          var statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      } catch (java.sql.SQLException e) {
        // the database is closing anyway; nothing is lost because every write was committed
      }
    }
    dataSource.close();
  }
}
