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
import io.dataplatform.orchestrator.Orchestrator;
import io.dataplatform.server.auth.AuthService;
import io.dataplatform.server.auth.PasswordHasher;
import io.dataplatform.server.auth.Principal;
import io.dataplatform.server.config.ServerConfig;
import io.dataplatform.server.http.ApiRoutes;
import io.dataplatform.server.http.ConnectionRoutes;
import io.dataplatform.server.http.HttpApi;
import io.dataplatform.server.http.IcebergRoutes;
import io.dataplatform.server.http.OrchestratorRoutes;
import io.dataplatform.server.http.StorageRoutes;
import io.dataplatform.server.http.TransformRoutes;
import io.dataplatform.server.roles.TransformArtifacts;
import io.dataplatform.server.roles.TransformProjects;
import io.dataplatform.storage.StorageService;
import io.dataplatform.transform.TransformService;
import io.dataplatform.transform.history.TransformRunRepository;
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
  private StorageService storage;
  private IngestPlatform ingest;
  private Orchestrator orchestrator;
  private Optional<String> generatedAdminPassword = Optional.empty();
  private CompletableFuture<Optional<String>> adminCreated;

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
      ClassWarmer.start();
      // Flight SQL starts beside the metastore and catalog (its start-up is mostly class loading);
      // calls that arrive before the lakehouse is open wait for it.
      CompletableFuture<AuthService> authReady = new CompletableFuture<>();
      CompletableFuture<SqlService> sqlReady = new CompletableFuture<>();
      CompletableFuture<FlightSqlEndpoint> flightStarted =
          CompletableFuture.supplyAsync(
              () -> startFlight(new DeferredSqlService(sqlReady), authReady),
              command -> startThread("dp-flight-start", command));
      // the object store starts beside the metastore too; the lakehouse needs it only to open
      CompletableFuture<StorageService> storageStarted =
          CompletableFuture.supplyAsync(
              () -> StoragePlatform.start(config, started),
              command -> startThread("dp-storage-start", command));
      try {
        storage = joinStarted(storageStarted, () -> startMetastore(started, authReady));
        startLakehouseAndHttp(started, sqlReady);
      } catch (RuntimeException e) {
        authReady.completeExceptionally(e);
        sqlReady.completeExceptionally(e);
        flightStarted.thenAccept(FlightSqlEndpoint::close);
        storageStarted.thenAccept(StorageService::close);
        throw e;
      }
      flight = joinUnwrapped(flightStarted);
      closeables.add(flight);
      LOG.info("Flight SQL listening after {} ms", elapsedMillis(started));
      return this;
    } catch (RuntimeException e) {
      if (adminCreated != null) {
        // the metastore closes below: let the account's creation end first
        adminCreated.handle((password, error) -> password).join();
      }
      close();
      throw e;
    }
  }

  /** The future's value; a failure is rethrown as it was thrown, when it is unchecked. */
  private static <T> T joinUnwrapped(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
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

  /**
   * Runs {@code work} on this thread, then waits for {@code started}; the started service is closed
   * again when {@code work} fails.
   */
  private static <T extends AutoCloseable> T joinStarted(
      CompletableFuture<T> started, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      started.thenAccept(Platform::closeQuietly);
      throw e;
    }
    return joinUnwrapped(started);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Cannot close {} cleanly", closeable, e);
    }
  }

  private void startMetastore(long started, CompletableFuture<AuthService> authReady) {
    metastore = Metastore.open(config.metastore());
    closeables.add(metastore);
    LOG.info("metastore open after {} ms", elapsedMillis(started));
    auth = new AuthService(metastore, new PasswordHasher(), config.sessionLifetime());
    // a first start hashes the admin password (PBKDF2, slow by design) beside the lakehouse's
    // opening; the HTTP API and Flight SQL's logins wait for it
    adminCreated =
        CompletableFuture.supplyAsync(
            () -> auth.ensureAdmin(config.adminPassword()),
            command -> startThread("dp-admin", command));
    adminCreated.whenComplete(
        (password, error) -> {
          if (error == null) {
            authReady.complete(auth);
          } else {
            authReady.completeExceptionally(error);
          }
        });
  }

  private void startLakehouseAndHttp(long started, CompletableFuture<SqlService> sqlReady) {
    closeables.add(storage);
    LOG.info("object storage listening after {} ms", elapsedMillis(started));
    lakehouse =
        Lakehouse.open(LakehouseConfig.of(StoragePlatform.warehouse(config, storage)), metastore);
    closeables.add(lakehouse);
    sqlReady.complete(lakehouse.sql());
    LOG.info("lakehouse open after {} ms", elapsedMillis(started));
    ingest = IngestPlatform.start(config, metastore, lakehouse, storage);
    closeables.add(ingest);
    TransformRunRepository transformRuns = new TransformRunRepository(metastore.dataSource());
    TransformService transform =
        new TransformService(lakehouse.sql(), transformRuns, new TransformArtifacts(storage));
    TransformProjects projects = new TransformProjects(config.transform().projectsDirectory());
    orchestrator =
        OrchestratorPlatform.start(
            config, metastore, lakehouse.sql(), storage, ingest, transform, projects);
    closeables.add(orchestrator);

    generatedAdminPassword = joinUnwrapped(adminCreated);
    ObjectMapper mapper = objectMapper();
    List<Consumer<RoutesConfig>> routes =
        new ArrayList<>(
            ApiRoutes.lakehouse(
                auth, lakehouse.sql(), lakehouse.browser(), metastore.queries(), mapper));
    routes.add(new StorageRoutes(storage, mapper)::register);
    routes.add(new ConnectionRoutes(ingest.connections(), ingest.syncs(), mapper)::register);
    routes.add(new TransformRoutes(transform, transformRuns, projects, mapper)::register);
    routes.add(
        new IcebergRoutes(
                lakehouse.catalog(), auth, StoragePlatform.catalogProperties(config, storage))
            ::register);
    routes.add(new OrchestratorRoutes(orchestrator, mapper)::register);
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

  public StorageService storage() {
    return storage;
  }

  public Lakehouse lakehouse() {
    return lakehouse;
  }

  public IngestPlatform ingest() {
    return ingest;
  }

  /** The metastore, for the demo's summary and tools that read run history. */
  public Metastore metastore() {
    return metastore;
  }

  public Orchestrator orchestrator() {
    return orchestrator;
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
