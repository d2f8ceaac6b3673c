package io.dataplatform.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dataplatform.lakehouse.Lakehouse;
import io.dataplatform.lakehouse.LakehouseConfig;
import io.dataplatform.lakehouse.flight.FlightCredentials;
import io.dataplatform.lakehouse.flight.FlightSqlEndpoint;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.metastore.Metastore;
import io.dataplatform.server.auth.AuthService;
import io.dataplatform.server.auth.PasswordHasher;
import io.dataplatform.server.auth.Principal;
import io.dataplatform.server.config.ServerConfig;
import io.dataplatform.server.http.ApiRoutes;
import io.dataplatform.server.http.HttpApi;
import io.dataplatform.server.http.IcebergRoutes;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Every service of a running {@code dp up}, built with plain constructors in dependency order and
 * closed in reverse order.
 */
public final class Platform implements AutoCloseable {
  public static final String VERSION = "0.1.0";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Platform.class);

  private final ServerConfig config;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private Metastore metastore;
  private Lakehouse lakehouse;
  private AuthService auth;
  private HttpApi http;
  private FlightSqlEndpoint flight;
  private Optional<String> generatedAdminPassword = Optional.empty();

  public Platform(ServerConfig config) {
    this.config = requireNonNull(config, "config");
  }

  public static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /** Starts every service; on failure, closes what was started and rethrows. */
  public Platform start() {
    try {
      long started = System.nanoTime();
      closeables.add(DataDirectoryLock.acquire(config.dataDirectory()));
      // Flight SQL starts beside the metastore and catalog (its start-up is mostly class loading);
      // calls that arrive before the lakehouse is open wait for it.
      CompletableFuture<AuthService> authReady = new CompletableFuture<>();
      CompletableFuture<SqlService> sqlReady = new CompletableFuture<>();
      CompletableFuture<FlightSqlEndpoint> flightStarted =
          CompletableFuture.supplyAsync(
              () -> startFlight(new DeferredSqlService(sqlReady), authReady),
              command -> startThread("dp-flight-start", command));
      try {
        startLakehouseAndHttp(started, authReady, sqlReady);
      } catch (RuntimeException e) {
        authReady.completeExceptionally(e);
        sqlReady.completeExceptionally(e);
        flightStarted.thenAccept(FlightSqlEndpoint::close);
        throw e;
      }
      try {
        flight = flightStarted.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
      closeables.add(flight);
      LOG.info("Flight SQL listening after {} ms", elapsedMillis(started));
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static void startThread(String name, Runnable command) {
    Thread thread = new Thread(command, name);
    thread.setDaemon(true);
    thread.start();
  }

  private FlightSqlEndpoint startFlight(SqlService sql, CompletableFuture<AuthService> authReady) {
    FlightSqlEndpoint endpoint =
        new FlightSqlEndpoint(
            config.bindHost(), config.flightPort(), sql, flightCredentials(authReady));
    endpoint.start();
    return endpoint;
  }

  private void startLakehouseAndHttp(
      long started,
      CompletableFuture<AuthService> authReady,
      CompletableFuture<SqlService> sqlReady) {
    metastore = Metastore.open(config.metastore());
    closeables.add(metastore);
    LOG.info("metastore open after {} ms", elapsedMillis(started));
    auth = new AuthService(metastore, new PasswordHasher(), config.sessionLifetime());
    generatedAdminPassword = auth.ensureAdmin(config.adminPassword());
    authReady.complete(auth);
    lakehouse = Lakehouse.open(LakehouseConfig.of(config.warehouse()), metastore);
    closeables.add(lakehouse);
    sqlReady.complete(lakehouse.sql());
    LOG.info("lakehouse open after {} ms", elapsedMillis(started));

    ObjectMapper mapper = objectMapper();
    List<Consumer<RoutesConfig>> routes =
        new ArrayList<>(
            ApiRoutes.lakehouse(
                auth, lakehouse.sql(), lakehouse.browser(), metastore.queries(), mapper));
    routes.add(new IcebergRoutes(lakehouse.catalog(), auth, config.warehouse())::register);
    http = new HttpApi(config.bindHost(), config.httpPort(), auth, mapper, VERSION, routes);
    http.start();
    closeables.add(http);
    LOG.info("HTTP listening after {} ms", elapsedMillis(started));
  }

  private static long elapsedMillis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static FlightCredentials flightCredentials(CompletableFuture<AuthService> auth) {
    return new FlightCredentials() {
      @Override
      public Optional<String> authenticatePassword(String username, String password) {
        return auth.join().authenticatePassword(username, password).map(Principal::username);
      }

      @Override
      public Optional<String> authenticateToken(String bearerToken) {
        return auth.join().authenticateToken(bearerToken).map(Principal::username);
      }
    };
  }

  public Optional<String> generatedAdminPassword() {
    return generatedAdminPassword;
  }

  public int httpPort() {
    return http.port();
  }

  public int flightPort() {
    return flight.port();
  }

  public Lakehouse lakehouse() {
    return lakehouse;
  }

  public ServerConfig config() {
    return config;
  }

  @Override
  public void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(Platform.class)
            .warn("Cannot close {} cleanly", closeables.get(i), e);
      }
    }
    closeables.clear();
  }
}
