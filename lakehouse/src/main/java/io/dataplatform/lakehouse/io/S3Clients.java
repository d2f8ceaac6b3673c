package io.dataplatform.lakehouse.io;

import java.net.URI;
import java.util.Map;
import org.apache.iceberg.aws.s3.S3FileIOAwsClientFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the S3 client of Iceberg's S3 FileIO from the warehouse's settings, named by the catalog
 * property {@code s3.client-factory-impl}. Iceberg's default factory needs AWS SDK modules the
 * platform does not ship (KMS, STS, Glue); this one needs only {@code s3} and the JDK's HTTP
 * client. Checksums are sent and checked only where S3 requires them, which every S3-compatible
 * store accepts.
 */
public final class S3Clients implements S3FileIOAwsClientFactory {
  private static final long serialVersionUID = 1L;
  private Map<String, String> properties = Map.of();

  /** Required by Iceberg, which instantiates the class by name. */
  public S3Clients() {}

  @Override
  public void initialize(Map<String, String> newProperties) {
    this.properties = Map.copyOf(newProperties);
  }

  @Override
  public S3Client s3() {
    var builder =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(required("client.region")))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        required("s3.access-key-id"), required("s3.secret-access-key"))))
            .forcePathStyle(
                Boolean.parseBoolean(properties.getOrDefault("s3.path-style-access", "true")))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    String endpoint = properties.get("s3.endpoint");
    if (endpoint != null && !endpoint.isEmpty()) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  @Override
  public S3AsyncClient s3Async() {
    throw new UnsupportedOperationException(
        "Cannot create an asynchronous S3 client: the lakehouse reads S3 synchronously");
  }

  private String required(String key) {
    String value = properties.get(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("Cannot create S3 client: missing property (" + key + ")");
    }
    return value;
  }
}
