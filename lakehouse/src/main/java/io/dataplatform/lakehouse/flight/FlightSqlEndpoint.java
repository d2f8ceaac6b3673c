package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.sql.SqlService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Arrow Flight SQL endpoint of the lakehouse (default port 32010): BI tools, the Flight SQL
 * JDBC driver and Arrow clients run SQL through it and receive Arrow batches. Every call is
 * authenticated: HTTP Basic user and password (answered with a bearer token for later calls), or a
 * bearer token.
 */
public final class FlightSqlEndpoint implements AutoCloseable {
  /** The port Flight SQL clients expect by default. */
  public static final int DEFAULT_PORT = 32010;

  private static final Logger LOG = LoggerFactory.getLogger(FlightSqlEndpoint.class);
  private static final long EXPIRY_PERIOD_SECONDS = 30;

  private final String host;
  private final int requestedPort;
  private final BufferAllocator allocator;
  private final LakehouseFlightSqlProducer producer;
  private final FlightAuthenticator authenticator;
  private final ScheduledExecutorService janitor;
  private FlightServer server;
  private boolean closed;

  /**
   * @param host the address to listen on, e.g. {@code 127.0.0.1}
   * @param port the port to listen on; 0 picks a free one (see {@link #port()})
   * @param sqlService runs the statements
   * @param credentials checks user names, passwords and API tokens
   */
  public FlightSqlEndpoint(
      String host, int port, SqlService sqlService, FlightCredentials credentials) {
    this(host, port, sqlService, credentials, FlightSettings.DEFAULTS);
  }

  FlightSqlEndpoint(
      String host,
      int port,
      SqlService sqlService,
      FlightCredentials credentials,
      FlightSettings settings) {
    this.host = requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "Cannot create Flight SQL endpoint: port out of range (" + port + ")");
    }
    this.requestedPort = port;
    requireNonNull(sqlService, "sqlService");
    requireNonNull(credentials, "credentials");
    requireNonNull(settings, "settings");
    this.allocator = new RootAllocator();
    this.producer = new LakehouseFlightSqlProducer(sqlService, allocator, settings);
    this.authenticator =
        new FlightAuthenticator(credentials, settings.sessionIdleTimeout(), settings.clock());
    this.janitor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "flight-sql-expiry");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts listening. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException(
          "Cannot start Flight SQL endpoint: it was closed (" + host + ":" + requestedPort + ")");
    }
    if (server != null) {
      throw new IllegalStateException(
          "Cannot start Flight SQL endpoint: already started (" + host + ":" + port() + ")");
    }
    FlightServer built =
        FlightServer.builder(allocator, Location.forGrpcInsecure(host, requestedPort), producer)
            .headerAuthenticator(authenticator)
            .build();
    try {
      built.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start Flight SQL endpoint: "
              + e.getMessage()
              + " ("
              + host
              + ":"
              + requestedPort
              + ")",
          e);
    }
    server = built;
    janitor.scheduleWithFixedDelay(
        this::expireIdle, EXPIRY_PERIOD_SECONDS, EXPIRY_PERIOD_SECONDS, TimeUnit.SECONDS);
    LOG.info("Flight SQL endpoint listening on {}:{}", host, port());
  }

  /** Fails results nobody fetched and drops idle prepared statements; runs periodically. */
  void expireIdle() {
    try {
      producer.expireIdle();
    } catch (RuntimeException e) {
      LOG.warn("Cannot expire idle Flight SQL results", e);
    }
  }

  /** The port the endpoint listens on; the chosen one when constructed with port 0. */
  public synchronized int port() {
    if (server == null) {
      return requestedPort;
    }
    return server.getPort();
  }

  /** Query results waiting for their client to fetch them. */
  int openResultCount() {
    return producer.openResultCount();
  }

  /** Stops accepting calls, ends running streams and releases all results and memory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    janitor.shutdownNow();
    if (server != null) {
      server.shutdown();
      try {
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
          LOG.warn("Flight SQL calls still running after 5 seconds; stopping them");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        server.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close();
    try {
      allocator.close();
    } catch (IllegalStateException e) {
      LOG.warn("Flight SQL memory still in use at shutdown: {}", e.getMessage());
    }
  }
}
