package io.dataplatform.storage.s3;

import static java.util.Objects.requireNonNull;

import io.dataplatform.storage.S3Credentials;
import java.net.URI;
import java.util.function.BooleanSupplier;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.gaul.shaded.org.eclipse.jetty.http.HttpCompliance;
import org.gaul.shaded.org.eclipse.jetty.http.UriCompliance;
import org.gaul.shaded.org.eclipse.jetty.server.HttpConfiguration;
import org.gaul.shaded.org.eclipse.jetty.server.HttpConnectionFactory;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.server.ServerConnector;
import org.gaul.shaded.org.eclipse.jetty.server.handler.GracefulHandler;
import org.gaul.shaded.org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The S3-compatible HTTP API over a {@link BlobStore}: AWS Signature V4 (and V2) in headers and
 * presigned URLs, aws-chunked uploads, path-style and virtual-host-style addressing, any number of
 * access keys, and the unauthenticated probes {@code GET /minio/health/live} and {@code GET
 * /minio/health/ready}.
 *
 * <p>Runs on the Jetty that the S3 protocol library ships relocated inside itself, so it is
 * independent of the Jetty version the rest of the platform uses.
 */
public final class ObjectStorageServer implements AutoCloseable {
  private static final long STOP_TIMEOUT_MILLIS = 5_000;

  private final Server server;
  private final String host;
  private final int port;

  private ObjectStorageServer(Server server, String host, int port) {
    this.server = server;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts listening.
   *
   * @param root the root pair, which always has access
   * @param secrets the secrets of every key that may sign requests (the root's included)
   * @param ready answers the readiness probe
   */
  public static ObjectStorageServer start(
      Settings settings,
      BlobStore store,
      S3Credentials root,
      SecretLookup secrets,
      BooleanSupplier ready) {
    requireNonNull(settings, "settings");
    requireNonNull(store, "store");
    requireNonNull(root, "root");
    requireNonNull(secrets, "secrets");
    requireNonNull(ready, "ready");
    var locator = new AccessKeyLocator(secrets, store);
    var pathStyle = new S3RequestHandler(store, root.accessKeyId(), root.secretKey(), null);
    pathStyle.setBlobStoreLocator(locator);
    var virtualHostStyle =
        new S3RequestHandler(
            store, root.accessKeyId(), root.secretKey(), settings.virtualHostBase());
    virtualHostStyle.setBlobStoreLocator(locator);

    var threads = new QueuedThreadPool(settings.maxThreads());
    threads.setName("s3-api");
    var server = new Server(threads);
    var http = new HttpConfiguration();
    // object keys may hold characters strict URI and header rules reject
    http.setHttpCompliance(HttpCompliance.LEGACY);
    http.setUriCompliance(UriCompliance.LEGACY);
    // signatures cover header values byte for byte; Jetty's header cache would otherwise hand out
    // its own spelling, e.g. "charset=utf-8" for "charset=UTF-8"
    http.setHeaderCacheCaseSensitive(true);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    var connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    server.addConnector(connector);

    var context = new ServletContextHandler();
    context.addServlet(
        new ServletHolder(
            new S3Servlet(pathStyle, virtualHostStyle, settings.virtualHostBase(), ready)),
        "/*");
    server.setHandler(new GracefulHandler(context));
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw new IllegalStateException(
          "Cannot start the S3 API: %s (%s:%d)"
              .formatted(e.getMessage(), settings.host(), settings.port()),
          e);
    }
    return new ObjectStorageServer(server, settings.host(), connector.getLocalPort());
  }

  /** The port the API listens on (the chosen one when 0 was asked for). */
  public int port() {
    return port;
  }

  /** The base URI clients use, e.g. {@code http://127.0.0.1:9000}. */
  public URI endpoint() {
    String literal = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + literal + ":" + port());
  }

  /** Stops accepting requests, lets running ones finish for a few seconds, and stops. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the S3 API: " + e.getMessage(), e);
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // the start failure is the one reported
    }
  }

  /**
   * Where and how the API listens.
   *
   * @param virtualHostBase requests to {@code <bucket>.<base>} address that bucket
   */
  public record Settings(String host, int port, String virtualHostBase, int maxThreads) {
    public static final int DEFAULT_MAX_THREADS = 64;

    public Settings {
      requireNonNull(host, "host");
      requireNonNull(virtualHostBase, "virtualHostBase");
      if (maxThreads < 8) {
        throw new IllegalArgumentException(
            "Cannot configure the S3 API: it needs at least 8 threads (%d)".formatted(maxThreads));
      }
    }

    public Settings(String host, int port, String virtualHostBase) {
      this(host, port, virtualHostBase, DEFAULT_MAX_THREADS);
    }
  }
}
