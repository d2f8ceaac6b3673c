package io.dataplatform.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Request signing, presigned URLs, addressing styles and the health probes. */
class S3AuthIT extends StorePerTestClass {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void createBuckets() {
    s3.createBucket(b -> b.bucket("signed"));
  }

  @Test
  void wrongSecretIsRefusedWithSignatureDoesNotMatch() {
    S3Client wrong =
        fixture.client(new S3Credentials(StorageFixture.ROOT.accessKeyId(), "not-the-secret-123"));
    S3Exception error = assertThrows(S3Exception.class, wrong::listBuckets);
    assertEquals(403, error.statusCode());
    assertEquals("SignatureDoesNotMatch", error.awsErrorDetails().errorCode());
  }

  @Test
  void unknownAccessKeyIsRefusedWithInvalidAccessKeyId() {
    S3Client unknown = fixture.client(new S3Credentials("NOSUCHKEY000000000", "whatever-secret-1"));
    S3Exception error = assertThrows(S3Exception.class, unknown::listBuckets);
    assertEquals(403, error.statusCode());
    assertEquals("InvalidAccessKeyId", error.awsErrorDetails().errorCode());
  }

  @Test
  void unsignedRequestIsRefused() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(fixture.endpoint().resolve("/signed")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, response.statusCode());
    assertTrue(response.body().contains("<Code>AccessDenied</Code>"), response.body());
  }

  @Test
  void streamingChunkedPayloadsAreVerifiedAndStored() {
    byte[] data = new byte[300_000];
    new Random(11).nextBytes(data);
    for (RequestChecksumCalculation checksums : RequestChecksumCalculation.values()) {
      List<String> contentHashes = new CopyOnWriteArrayList<>();
      S3Client chunked =
          fixture.client(
              StorageFixture.ROOT,
              builder ->
                  builder
                      .requestChecksumCalculation(checksums)
                      .serviceConfiguration(
                          S3Configuration.builder().chunkedEncodingEnabled(true).build())
                      .overrideConfiguration(
                          c -> c.addExecutionInterceptor(new ContentHashRecorder(contentHashes))));
      String key = "chunked-" + checksums;
      // a stream of unknown length makes the client send aws-chunked frames
      chunked.putObject(
          b -> b.bucket("signed").key(key),
          RequestBody.fromContentProvider(
              () -> new ByteArrayInputStream(data), data.length, "application/octet-stream"));
      assertTrue(
          contentHashes.stream().anyMatch(hash -> hash.startsWith("STREAMING-")),
          checksums + " sent " + contentHashes);
      assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket("signed").key(key)).asByteArray());
    }
  }

  @Test
  void presignedGetAndPutWorkWithAPlainHttpClient() throws Exception {
    S3Presigner presigner = fixture.presigner();
    URI putUrl =
        presigner
            .presignPutObject(
                p ->
                    p.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(b -> b.bucket("signed").key("presigned.txt")))
            .url()
            .toURI();
    HttpResponse<String> put =
        HTTP.send(
            HttpRequest.newBuilder(putUrl)
                .PUT(HttpRequest.BodyPublishers.ofString("uploaded by url"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, put.statusCode(), put.body());

    URI getUrl =
        presigner
            .presignGetObject(
                p ->
                    p.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(b -> b.bucket("signed").key("presigned.txt")))
            .url()
            .toURI();
    HttpResponse<String> get =
        HTTP.send(
            HttpRequest.newBuilder(getUrl).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, get.statusCode());
    assertEquals("uploaded by url", get.body());

    URI tampered = URI.create(getUrl.toString().replace("presigned.txt", "other.txt"));
    HttpResponse<String> refused =
        HTTP.send(
            HttpRequest.newBuilder(tampered).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, refused.statusCode());
    assertTrue(refused.body().contains("SignatureDoesNotMatch"), refused.body());
  }

  @Test
  void virtualHostStyleAddressesTheBucketByHostName() {
    S3Client virtualHost = fixture.virtualHostClient();
    virtualHost.putObject(
        b -> b.bucket("signed").key("vhost/a.txt"), RequestBody.fromString("by host"));
    assertEquals(
        "by host", s3.getObjectAsBytes(b -> b.bucket("signed").key("vhost/a.txt")).asUtf8String());
    List<String> keys =
        virtualHost.listObjectsV2(b -> b.bucket("signed").prefix("vhost/")).contents().stream()
            .map(S3Object::key)
            .toList();
    assertEquals(List.of("vhost/a.txt"), keys);
    assertTrue(
        virtualHost.listBuckets().buckets().stream().map(Bucket::name).toList().contains("signed"));
  }

  @Test
  void healthProbesAnswerWithoutCredentials() throws Exception {
    for (String path : List.of("/minio/health/live", "/minio/health/ready")) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(fixture.endpoint().resolve(path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), path);
    }
    HttpResponse<String> other =
        HTTP.send(
            HttpRequest.newBuilder(fixture.endpoint().resolve("/minio/health/other")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertFalse(other.statusCode() == 200, "only the two probes are open");
  }

  /** Records the x-amz-content-sha256 header of every request the client sends. */
  private record ContentHashRecorder(List<String> hashes) implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      context.httpRequest().firstMatchingHeader("x-amz-content-sha256").ifPresent(hashes::add);
    }
  }
}
