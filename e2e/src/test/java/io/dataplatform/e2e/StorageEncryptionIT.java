package io.dataplatform.e2e;

import static io.dataplatform.e2e.StorageClients.filesContaining;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * SSE-S3 encryption at rest in the embedded object store: encrypted objects (per request, by bucket
 * default, multipart) never reach the disk in plaintext, read back exactly, survive a restart under
 * the same master key, and fail clearly under another one while the server goes on serving.
 */
class StorageEncryptionIT {
  private static final String VAULT = "vault";
  private static final String SEALED = "sealed";
  private static final int MB = 1024 * 1024;

  @TempDir Path directory;

  @Test
  void encryptedObjectsNeverReachTheDiskInPlaintextAndNeedTheirMasterKey() throws Exception {
    Path data = directory.resolve("data");
    String run = UUID.randomUUID().toString();
    Marked perRequest = Marked.of("sse-request-" + run, MB);
    Marked bucketDefault = Marked.of("bucket-default-" + run, MB);
    Marked multipart = Marked.of("sealed-multipart-" + run, 6 * MB);
    Marked plain = Marked.of("plain-" + run, MB);
    Map<String, Marked> encrypted =
        Map.of(
            VAULT + "/request.txt", perRequest,
            SEALED + "/default.txt", bucketDefault,
            SEALED + "/multipart.txt", multipart);

    try (DpProcess dp = DpProcess.start(data, "up", StorageClients.rootKeys());
        S3Client s3 = StorageClients.s3(dp)) {
      s3.createBucket(request -> request.bucket(VAULT));
      s3.createBucket(request -> request.bucket(SEALED));
      s3.putBucketEncryption(
          request ->
              request
                  .bucket(SEALED)
                  .serverSideEncryptionConfiguration(
                      configuration ->
                          configuration.rules(
                              rule ->
                                  rule.applyServerSideEncryptionByDefault(
                                      sse -> sse.sseAlgorithm(ServerSideEncryption.AES256)))));
      assertEquals(
          ServerSideEncryption.AES256,
          s3.getBucketEncryption(request -> request.bucket(SEALED))
              .serverSideEncryptionConfiguration()
              .rules()
              .get(0)
              .applyServerSideEncryptionByDefault()
              .sseAlgorithm());

      var requested =
          s3.putObject(
              request ->
                  request
                      .bucket(VAULT)
                      .key("request.txt")
                      .serverSideEncryption(ServerSideEncryption.AES256),
              RequestBody.fromBytes(perRequest.content()));
      assertEquals(ServerSideEncryption.AES256, requested.serverSideEncryption());
      var byDefault =
          s3.putObject(
              request -> request.bucket(SEALED).key("default.txt"),
              RequestBody.fromBytes(bucketDefault.content()));
      assertEquals(ServerSideEncryption.AES256, byDefault.serverSideEncryption());
      uploadInTwoParts(s3, data, multipart);
      var unencrypted =
          s3.putObject(
              request -> request.bucket(VAULT).key("plain.txt"),
              RequestBody.fromBytes(plain.content()));
      assertNull(unencrypted.serverSideEncryption());

      Path storage = data.resolve("storage");
      for (Marked marked : encrypted.values()) {
        assertEquals(List.of(), filesContaining(storage, marked.marker()), marked.name());
      }
      // the search does find plaintext: the unencrypted object lies on disk as sent
      assertEquals(1, filesContaining(storage, plain.marker()).size(), plain.name());
      assertReadsBack(s3, encrypted, plain);
    }

    try (DpProcess dp = DpProcess.start(data, "up", StorageClients.rootKeys());
        S3Client s3 = StorageClients.s3(dp)) {
      assertReadsBack(s3, encrypted, plain);
    }

    Map<String, String> otherKey = new HashMap<>(StorageClients.rootKeys());
    otherKey.put("DP_MASTER_KEY", randomMasterKey());
    try (DpProcess dp = DpProcess.start(data, "up", otherKey);
        S3Client s3 = StorageClients.s3(dp)) {
      for (String object : encrypted.keySet()) {
        String[] bucketAndKey = object.split("/", 2);
        S3Exception refused =
            assertThrows(
                S3Exception.class,
                () ->
                    s3.getObjectAsBytes(
                        request -> request.bucket(bucketAndKey[0]).key(bucketAndKey[1])));
        assertEquals(500, refused.statusCode(), refused.getMessage());
        assertEquals("InternalError", refused.awsErrorDetails().errorCode());
        assertTrue(
            refused
                .getMessage()
                .contains(
                    "Cannot decrypt object: its data key was wrapped by a different master key"
                        + " than the one configured ("
                        + object
                        + ")"),
            refused.getMessage());
      }
      // the server goes on serving: plaintext reads, and new writes encrypted under this key
      assertArrayEquals(plain.content(), read(s3, VAULT, "plain.txt").asByteArray());
      byte[] fresh = "written under the other key".getBytes(StandardCharsets.UTF_8);
      s3.putObject(
          request -> request.bucket(SEALED).key("fresh.txt"), RequestBody.fromBytes(fresh));
      ResponseBytes<GetObjectResponse> freshRead = read(s3, SEALED, "fresh.txt");
      assertArrayEquals(fresh, freshRead.asByteArray());
      assertEquals(ServerSideEncryption.AES256, freshRead.response().serverSideEncryption());
      s3.deleteObject(request -> request.bucket(SEALED).key("fresh.txt"));
    }

    // the wrong key changed nothing: under the original key everything reads again
    try (DpProcess dp = DpProcess.start(data, "up", StorageClients.rootKeys());
        S3Client s3 = StorageClients.s3(dp)) {
      assertReadsBack(s3, encrypted, plain);
    }
  }

  /** A multipart upload into the bucket with default encryption; no part lies on disk in clear. */
  private static void uploadInTwoParts(S3Client s3, Path data, Marked marked) throws Exception {
    String key = "multipart.txt";
    var created = s3.createMultipartUpload(request -> request.bucket(SEALED).key(key));
    assertEquals(ServerSideEncryption.AES256, created.serverSideEncryption());
    String uploadId = created.uploadId();
    byte[] content = marked.content();
    int split = 5 * MB;
    String first =
        s3.uploadPart(
                request -> request.bucket(SEALED).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(Arrays.copyOfRange(content, 0, split)))
            .eTag();
    String second =
        s3.uploadPart(
                request -> request.bucket(SEALED).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(Arrays.copyOfRange(content, split, content.length)))
            .eTag();
    assertEquals(
        List.of(),
        filesContaining(data.resolve("storage"), marked.marker()),
        "parts of an upload to an encrypted bucket are stored encrypted");
    var completed =
        s3.completeMultipartUpload(
            request ->
                request
                    .bucket(SEALED)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(
                        upload ->
                            upload.parts(
                                CompletedPart.builder().partNumber(1).eTag(first).build(),
                                CompletedPart.builder().partNumber(2).eTag(second).build())));
    assertEquals(ServerSideEncryption.AES256, completed.serverSideEncryption());
  }

  private static void assertReadsBack(S3Client s3, Map<String, Marked> encrypted, Marked plain) {
    encrypted.forEach(
        (object, marked) -> {
          String[] bucketAndKey = object.split("/", 2);
          ResponseBytes<GetObjectResponse> back = read(s3, bucketAndKey[0], bucketAndKey[1]);
          assertArrayEquals(marked.content(), back.asByteArray(), object);
          assertEquals(ServerSideEncryption.AES256, back.response().serverSideEncryption(), object);
          assertEquals(
              ServerSideEncryption.AES256,
              s3.headObject(request -> request.bucket(bucketAndKey[0]).key(bucketAndKey[1]))
                  .serverSideEncryption(),
              object);
        });
    ResponseBytes<GetObjectResponse> back = read(s3, VAULT, "plain.txt");
    assertArrayEquals(plain.content(), back.asByteArray());
    assertNull(back.response().serverSideEncryption());
  }

  private static ResponseBytes<GetObjectResponse> read(S3Client s3, String bucket, String key) {
    return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key));
  }

  private static String randomMasterKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** Content made of one distinctive marker repeated, so that plaintext on disk is found. */
  private record Marked(String name, byte[] marker, byte[] content) {
    static Marked of(String name, int size) {
      byte[] marker = ("dp-plaintext-marker-" + name + ";").getBytes(StandardCharsets.US_ASCII);
      byte[] content = new byte[size];
      for (int i = 0; i < size; i++) {
        content[i] = marker[i % marker.length];
      }
      return new Marked(name, marker, content);
    }
  }
}
