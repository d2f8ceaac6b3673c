package io.dataplatform.storage.disk;

import static io.dataplatform.storage.disk.StoreFixture.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

class TestDiskBlobStoreObjects {
  @TempDir Path root;
  StoreFixture fixture;

  @BeforeEach
  void createBucket() {
    fixture = new StoreFixture(root);
    fixture.store.createContainer("data");
  }

  @Test
  void putsAndReadsWithMetadata() {
    var response =
        fixture.put(
            PutObjectRequest.builder()
                .bucket("data")
                .key("reports/2024.csv")
                .contentType("text/csv")
                .contentEncoding("gzip")
                .contentDisposition("attachment")
                .cacheControl("no-cache")
                .metadata(Map.of("owner", "finance")),
            "a,b\n1,2\n");
    String md5 = StoreFixture.md5Hex("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("\"" + md5 + "\"", response.eTag());
    assertNull(response.versionId());
    assertNull(response.serverSideEncryption());

    var head = fixture.store.blobMetadata("data", "reports/2024.csv");
    assertEquals("\"" + md5 + "\"", head.eTag());
    assertEquals(8L, head.contentLength());
    assertEquals("text/csv", head.contentType());
    assertEquals("gzip", head.contentEncoding());
    assertEquals("attachment", head.contentDisposition());
    assertEquals("no-cache", head.cacheControl());
    assertEquals(Map.of("owner", "finance"), head.metadata());
    assertTrue(head.lastModified().isAfter(Instant.now().minusSeconds(60)));
    assertEquals("a,b\n1,2\n", fixture.reopen().read("data", "reports/2024.csv"));
  }

  @Test
  void readsByteRanges() throws Exception {
    fixture.put("data", "digits", "0123456789");
    assertEquals("234", read("bytes=2-4"));
    assertEquals("789", read("bytes=7-"));
    assertEquals("89", read("bytes=-2"));
    assertEquals("56789", read("bytes=5-100"));
    try (var in =
        fixture.store.getBlob(
            GetObjectRequest.builder().bucket("data").key("digits").range("bytes=2-4").build())) {
      assertEquals("bytes 2-4/10", in.response().contentRange());
      assertEquals(3L, in.response().contentLength());
    }
    String message = assertS3Error(416, "InvalidRange", () -> read("bytes=10-12"));
    assertEquals(
        "Cannot read object range: bytes=10-12 is outside the object's 10 bytes (data/digits)",
        message);
  }

  private String read(String range) {
    return fixture.read(
        GetObjectRequest.builder().bucket("data").key("digits").range(range).build());
  }

  @Test
  void missingObjectIsNoSuchKey() {
    String message = assertS3Error(404, "NoSuchKey", () -> fixture.store.getBlob("data", "nope"));
    assertEquals("Cannot find object: it does not exist (data/nope)", message);
    assertS3Error(404, "NoSuchKey", () -> fixture.store.blobMetadata("data", "nope"));
    assertNull(fixture.store.blobMetadataIfPresent("data", "nope"));
    assertS3Error(404, "NoSuchBucket", () -> fixture.put("other", "k", "v"));
  }

  @Test
  void deletesObjects() {
    fixture.put("data", "k", "v");
    fixture.store.removeBlob("data", "k");
    assertFalse(fixture.store.blobExists("data", "k"));
    fixture.store.removeBlob("data", "never-existed");
  }

  @Test
  void evaluatesReadConditions() {
    String etag = fixture.put("data", "k", "value").eTag();
    GetObjectRequest.Builder get = GetObjectRequest.builder().bucket("data").key("k");
    assertEquals("value", fixture.read(get.ifMatch(etag).build()));
    assertS3Error(412, "PreconditionFailed", () -> fixture.read(get.ifMatch("\"other\"").build()));
    assertS3Error(
        304, "NotModified", () -> fixture.read(get.ifMatch(null).ifNoneMatch(etag).build()));
    assertS3Error(
        304,
        "NotModified",
        () ->
            fixture.read(
                get.ifNoneMatch(null).ifModifiedSince(Instant.now().plusSeconds(5)).build()));
    assertS3Error(
        412,
        "PreconditionFailed",
        () ->
            fixture.read(
                get.ifModifiedSince(null)
                    .ifUnmodifiedSince(Instant.now().minusSeconds(60))
                    .build()));
  }

  @Test
  void evaluatesWriteConditions() {
    String etag = fixture.put("data", "k", "one").eTag();
    String message =
        assertS3Error(
            412,
            "PreconditionFailed",
            () ->
                fixture.put(
                    PutObjectRequest.builder().bucket("data").key("k").ifNoneMatch("*"), "two"));
    assertEquals("Cannot write object: it exists and If-None-Match is * (data/k)", message);
    assertS3Error(
        412,
        "PreconditionFailed",
        () ->
            fixture.put(
                PutObjectRequest.builder().bucket("data").key("k").ifMatch("\"abc\""), "two"));
    assertS3Error(
        404,
        "NoSuchKey",
        () ->
            fixture.put(PutObjectRequest.builder().bucket("data").key("new").ifMatch(etag), "two"));
    fixture.put(PutObjectRequest.builder().bucket("data").key("k").ifMatch(etag), "two");
    fixture.put(PutObjectRequest.builder().bucket("data").key("fresh").ifNoneMatch("*"), "x");
    assertEquals("two", fixture.read("data", "k"));
  }

  @Test
  void checksDeclaredLengthAndDigest() {
    byte[] bytes = "payload".getBytes(StandardCharsets.UTF_8);
    String message =
        assertS3Error(
            400,
            "BadDigest",
            () ->
                fixture.store.putBlob(
                    PutObjectRequest.builder()
                        .bucket("data")
                        .key("k")
                        .contentLength(7L)
                        .contentMD5(Base64.getEncoder().encodeToString(new byte[16]))
                        .build(),
                    new java.io.ByteArrayInputStream(bytes)));
    assertTrue(message.startsWith("Cannot store object: the Content-MD5 does not match"), message);
    assertS3Error(
        400,
        "IncompleteBody",
        () ->
            fixture.store.putBlob(
                PutObjectRequest.builder().bucket("data").key("k").contentLength(99L).build(),
                new java.io.ByteArrayInputStream(bytes)));
    assertFalse(fixture.store.blobExists("data", "k"));
  }

  @Test
  void copiesServerSide() {
    fixture.put(
        PutObjectRequest.builder()
            .bucket("data")
            .key("src")
            .contentType("text/plain")
            .metadata(Map.of("a", "1")),
        "copy me");
    fixture.store.createContainer("other");
    var copied =
        fixture.store.copyBlob(
            CopyObjectRequest.builder()
                .sourceBucket("data")
                .sourceKey("src")
                .destinationBucket("other")
                .destinationKey("dst")
                .build());
    assertEquals(
        fixture.store.blobMetadata("data", "src").eTag(), copied.copyObjectResult().eTag());
    var head = fixture.store.blobMetadata("other", "dst");
    assertEquals("text/plain", head.contentType());
    assertEquals(Map.of("a", "1"), head.metadata());
    fixture.store.copyBlob(
        CopyObjectRequest.builder()
            .sourceBucket("data")
            .sourceKey("src")
            .destinationBucket("other")
            .destinationKey("replaced")
            .metadataDirective(MetadataDirective.REPLACE)
            .contentType("application/json")
            .metadata(Map.of("b", "2"))
            .build());
    assertEquals(Map.of("b", "2"), fixture.store.blobMetadata("other", "replaced").metadata());
    assertEquals("copy me", fixture.read("other", "replaced"));
    assertS3Error(
        412,
        "PreconditionFailed",
        () ->
            fixture.store.copyBlob(
                CopyObjectRequest.builder()
                    .sourceBucket("data")
                    .sourceKey("src")
                    .destinationBucket("other")
                    .destinationKey("x")
                    .copySourceIfMatch("\"nope\"")
                    .build()));
  }

  @Test
  void storesKeysThatAreNotFileNames() throws Exception {
    String[] keys = {
      "../../escape",
      "..",
      ".",
      "a//b",
      "/leading",
      "with space",
      "ünï©ødé/日本",
      "a\\b",
      "%2F",
      "x".repeat(1024),
      "ä".repeat(300),
      "CON",
      "trailing/"
    };
    for (String key : keys) {
      fixture.put("data", key, "value of " + key);
    }
    StoreFixture reopened = fixture.reopen();
    for (String key : keys) {
      assertEquals("value of " + key, reopened.read("data", key), key);
    }
    var listed = reopened.store.list("data").contents().stream().map(o -> o.key()).toList();
    assertEquals(Stream.of(keys).sorted(KeyNames.UTF8_ORDER).toList(), listed);
    try (Stream<Path> files = Files.walk(root)) {
      assertTrue(
          files.allMatch(
              path ->
                  path.startsWith(root.resolve("buckets"))
                      || path.startsWith(root.resolve("tmp"))
                      || path.equals(root)));
    }
    assertS3Error(400, "KeyTooLongError", () -> fixture.put("data", "y".repeat(1025), "too long"));
  }

  @Test
  void keepsObjectAcl() {
    fixture.put("data", "k", "v");
    assertEquals(ObjectCannedACL.PRIVATE, fixture.store.getBlobAccess("data", "k"));
    fixture.store.setBlobAccess("data", "k", ObjectCannedACL.PUBLIC_READ);
    assertEquals(ObjectCannedACL.PUBLIC_READ, fixture.reopen().store.getBlobAccess("data", "k"));
    assertEquals("v", fixture.read("data", "k"));
    assertEquals(
        "v".length(),
        fixture
            .store
            .blobMetadata(HeadObjectRequest.builder().bucket("data").key("k").build())
            .contentLength());
  }

  @Test
  void publishesEvents() {
    fixture.put("data", "k", "v");
    fixture.store.removeBlob("data", "k");
    assertEquals(2, fixture.events.size());
    ObjectEvent created = fixture.events.get(0);
    assertEquals(ObjectEvent.Type.CREATED, created.type());
    assertEquals("data", created.bucket());
    assertEquals("k", created.key());
    assertEquals(1, created.size());
    assertEquals(
        "\"" + StoreFixture.md5Hex("v".getBytes(StandardCharsets.UTF_8)) + "\"", created.etag());
    assertTrue(created.versionId().isEmpty());
    assertEquals(ObjectEvent.Type.REMOVED, fixture.events.get(1).type());
  }
}
