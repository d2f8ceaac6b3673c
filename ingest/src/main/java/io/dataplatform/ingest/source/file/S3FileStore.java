package io.dataplatform.ingest.source.file;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.connector.ConnectorContext.S3Access;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects under a prefix of an S3 bucket, on the platform's own store or an external S3. Objects
 * are downloaded to the work directory one at a time, streaming, before they are parsed.
 */
public final class S3FileStore implements FileStore {
  private final S3Client client;
  private final String bucket;
  private final String prefix;
  private final String globText;
  private final PathMatcher glob;
  private final String endpoint;

  private S3FileStore(S3Client client, String bucket, String prefix, String glob, String endpoint) {
    this.client = client;
    this.bucket = bucket;
    this.prefix = prefix;
    this.globText = glob;
    this.glob = Globs.matcher(glob);
    this.endpoint = endpoint;
  }

  /**
   * A store reading {@code bucket}/{@code prefix} with the given access; the client uses the JDK's
   * URL connection, as the lakehouse's S3 client does.
   */
  public static S3FileStore open(
      S3Access access, boolean pathStyle, String bucket, String prefix, String glob) {
    requireNonNull(access, "access");
    S3Client client =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(access.endpoint())
            .region(Region.of(access.region()))
            .forcePathStyle(pathStyle)
            .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(access.accessKey(), access.secretKey())))
            .build();
    String normalized = prefix.startsWith("/") ? prefix.substring(1) : prefix;
    return new S3FileStore(
        client, requireNonNull(bucket, "bucket"), normalized, glob, access.endpoint().toString());
  }

  @Override
  public List<FileObject> list() {
    List<FileObject> files = new ArrayList<>();
    ListObjectsV2Request request =
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
    try {
      for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
        String relative = object.key().substring(prefix.length());
        while (relative.startsWith("/")) {
          relative = relative.substring(1);
        }
        if (object.key().endsWith("/") || !Globs.matches(glob, relative)) {
          continue;
        }
        files.add(
            new FileObject(
                "s3://" + bucket + "/" + object.key(),
                relative,
                object.lastModified(),
                object.size(),
                object.eTag() == null
                    ? object.lastModified() + ":" + object.size()
                    : object.eTag()));
      }
    } catch (SdkException e) {
      throw failure("list objects", e);
    }
    files.sort(Comparator.comparing(FileObject::modified).thenComparing(FileObject::name));
    return files;
  }

  @Override
  public Path localCopy(FileObject file, Path workDirectory) {
    String key = file.name().substring(("s3://" + bucket + "/").length());
    String extension = key.contains(".") ? key.substring(key.lastIndexOf('.')) : "";
    if (extension.contains("/")) {
      extension = "";
    }
    Path target = workDirectory.resolve("download-" + UUID.randomUUID() + extension);
    try {
      Files.createDirectories(workDirectory);
      client.getObject(
          GetObjectRequest.builder().bucket(bucket).key(key).build(),
          ResponseTransformer.toFile(target));
      return target;
    } catch (IOException e) {
      throw new DpException(
          StandardErrorCode.INTERNAL_ERROR,
          "Cannot download object: " + e.getMessage() + " (" + file.name() + ")",
          e);
    } catch (SdkException e) {
      throw failure("download " + file.name(), e);
    }
  }

  private DpException failure(String action, SdkException e) {
    String where = " (" + endpoint + ", bucket " + bucket + ")";
    if (e instanceof S3Exception s3) {
      int status = s3.statusCode();
      String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
      if (status == 403
          || "InvalidAccessKeyId".equals(code)
          || "SignatureDoesNotMatch".equals(code)) {
        return new DpException(
            StandardErrorCode.PERMISSION_DENIED,
            "Cannot " + action + ": access denied; check the access key and secret key" + where,
            e);
      }
      if ("NoSuchBucket".equals(code) || status == 404) {
        return new DpException(
            StandardErrorCode.INVALID_CONFIGURATION,
            "Cannot " + action + ": the bucket does not exist" + where,
            e);
      }
      return new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot " + action + ": S3 answered " + status + " " + code + where,
          e);
    }
    String reason = e instanceof SdkClientException ? "the endpoint cannot be reached" : "failed";
    return new DpException(
        StandardErrorCode.EXTERNAL_FAILURE,
        "Cannot "
            + action
            + ": "
            + reason
            + " ("
            + endpoint
            + ", bucket "
            + bucket
            + ": "
            + e.getMessage()
            + ")",
        e);
  }

  @Override
  public boolean copies() {
    return true;
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/" + prefix + " (" + globText + ")";
  }

  @Override
  public void close() {
    client.close();
  }
}
