package io.dataplatform.lakehouse;

import io.dataplatform.lakehouse.io.S3Warehouse;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An in-process S3 endpoint over a directory, and an SDK client of it. */
final class S3StoreFixture implements AutoCloseable {
  static final String ACCESS_KEY = "lake-writer";
  static final String SECRET_KEY = "lake-secret-0123456789";
  final URI endpoint;
  final S3Client client;
  private final S3Proxy proxy;

  S3StoreFixture(Path blobs) throws Exception {
    Files.createDirectories(blobs);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    endpoint = URI.create("http://127.0.0.1:" + port);
    proxy =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(blobs.toString()))
            .endpoint(endpoint)
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    client =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  /**
   * The lake at {@code s3://warehouse/lake} on this endpoint, signing with the fixture's pair and
   * caching under {@code cache}; the {@code warehouse} bucket is the test's to create.
   */
  S3Warehouse lake(Path cache) {
    return S3Warehouse.of("s3://warehouse/lake", endpoint, ACCESS_KEY, SECRET_KEY, cache);
  }

  @Override
  public void close() throws Exception {
    client.close();
    proxy.stop();
  }
}
