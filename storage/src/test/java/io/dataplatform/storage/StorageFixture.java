package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import io.dataplatform.storage.disk.MasterKey;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A running {@link StorageService} on a free port under a temporary directory, and AWS SDK clients
 * for it.
 */
final class StorageFixture implements AutoCloseable {
  static final MasterKey MASTER_KEY =
      new MasterKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
  static final S3Credentials ROOT =
      new S3Credentials("dproot-test-key", "dproot-test-secret-0123456789");

  private final Path root;
  private final List<AutoCloseable> clients = new ArrayList<>();
  private StorageService service;

  private StorageFixture(Path root) {
    this.root = requireNonNull(root, "root");
  }

  /** Starts a store with a configured root pair. */
  static StorageFixture start(Path root) {
    var fixture = new StorageFixture(root);
    fixture.service = fixture.startService(Optional.of(ROOT));
    return fixture;
  }

  StorageService startService(Optional<S3Credentials> configuredRoot) {
    return StorageService.start(
        StorageConfig.defaults(root).withPort(0), MASTER_KEY, configuredRoot);
  }

  StorageService service() {
    return service;
  }

  URI endpoint() {
    return service.endpoint();
  }

  /** A path-style client signing with the root pair. */
  S3Client client() {
    return client(ROOT);
  }

  S3Client client(S3Credentials credentials) {
    return client(credentials, builder -> {});
  }

  S3Client client(S3Credentials credentials, Consumer<S3ClientBuilder> customizer) {
    S3ClientBuilder builder =
        S3Client.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(provider(credentials))
            .forcePathStyle(true)
            .httpClient(Apache5HttpClient.builder().build());
    customizer.accept(builder);
    return track(builder.build());
  }

  /**
   * A virtual-host-style client on {@code http://localhost:<port>}: buckets are addressed as {@code
   * <bucket>.localhost}, which this client resolves to the loopback address itself since the system
   * resolver may not.
   */
  S3Client virtualHostClient() {
    URI endpoint = URI.create("http://localhost:" + service.port());
    return track(
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(provider(ROOT))
            .forcePathStyle(false)
            .httpClient(Apache5HttpClient.builder().dnsResolver(new LocalhostResolver()).build())
            .build());
  }

  S3Presigner presigner() {
    return track(
        S3Presigner.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(provider(ROOT))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .build());
  }

  /** Stops the service and starts it again on the same directory (and a new port). */
  void restart() {
    service.close();
    service = startService(Optional.of(ROOT));
  }

  private <T extends AutoCloseable> T track(T client) {
    clients.add(client);
    return client;
  }

  private static StaticCredentialsProvider provider(S3Credentials credentials) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretKey()));
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
    if (service != null) {
      service.close();
    }
  }

  /** Resolves {@code localhost} and every {@code *.localhost} name to 127.0.0.1. */
  private static final class LocalhostResolver implements DnsResolver {
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      if (host.equals("localhost") || host.endsWith(".localhost")) {
        return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
      }
      return SystemDefaultDnsResolver.INSTANCE.resolve(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
      return host;
    }
  }
}
