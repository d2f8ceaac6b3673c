package io.dataplatform.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** Bucket versioning and server-side encryption through the AWS SDK. */
class S3VersioningEncryptionIT extends StorePerTestClass {
  @Test
  void versionedBucketKeepsVersionsAndWritesDeleteMarkers() {
    s3.createBucket(b -> b.bucket("versioned"));
    assertEquals(
        null, s3.getBucketVersioning(b -> b.bucket("versioned")).status(), "never enabled");
    s3.putBucketVersioning(
        b ->
            b.bucket("versioned")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    assertEquals(
        BucketVersioningStatus.ENABLED,
        s3.getBucketVersioning(b -> b.bucket("versioned")).status());

    String v1 =
        s3.putObject(b -> b.bucket("versioned").key("doc"), RequestBody.fromString("one"))
            .versionId();
    String v2 =
        s3.putObject(b -> b.bucket("versioned").key("doc"), RequestBody.fromString("two"))
            .versionId();
    assertNotNull(v1);
    assertNotEquals(v1, v2);
    assertEquals("two", s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc")).asUtf8String());
    assertEquals(
        "one",
        s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc").versionId(v1)).asUtf8String());

    DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket("versioned").key("doc"));
    assertTrue(marker.deleteMarker());
    S3Exception hidden =
        assertThrows(
            S3Exception.class, () -> s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc")));
    assertEquals(404, hidden.statusCode());

    ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket("versioned"));
    assertEquals(
        List.of(v2, v1), versions.versions().stream().map(ObjectVersion::versionId).toList());
    List<DeleteMarkerEntry> markers = versions.deleteMarkers();
    assertEquals(1, markers.size());
    assertEquals(marker.versionId(), markers.get(0).versionId());
    assertTrue(markers.get(0).isLatest());

    // removing the marker brings the last version back; removing a version deletes it for good
    s3.deleteObject(b -> b.bucket("versioned").key("doc").versionId(marker.versionId()));
    assertEquals("two", s3.getObjectAsBytes(b -> b.bucket("versioned").key("doc")).asUtf8String());
    s3.deleteObject(b -> b.bucket("versioned").key("doc").versionId(v1));
    assertEquals(
        List.of(v2),
        s3.listObjectVersions(b -> b.bucket("versioned")).versions().stream()
            .map(ObjectVersion::versionId)
            .toList());
  }

  @Test
  void suspendedVersioningOverwritesTheNullVersionAndKeepsOlderOnes() {
    s3.createBucket(b -> b.bucket("suspended"));
    s3.putBucketVersioning(
        b ->
            b.bucket("suspended")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    String kept =
        s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("kept"))
            .versionId();
    s3.putBucketVersioning(
        b ->
            b.bucket("suspended")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    assertEquals(
        BucketVersioningStatus.SUSPENDED,
        s3.getBucketVersioning(b -> b.bucket("suspended")).status());
    s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("first null"));
    s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("second null"));

    List<String> ids =
        s3.listObjectVersions(b -> b.bucket("suspended")).versions().stream()
            .map(ObjectVersion::versionId)
            .toList();
    assertEquals(List.of("null", kept), ids);
    assertEquals(
        "second null", s3.getObjectAsBytes(b -> b.bucket("suspended").key("k")).asUtf8String());
  }

  @Test
  void objectsAskedToBeEncryptedAreEncryptedAtRest() throws IOException {
    s3.createBucket(b -> b.bucket("secret-objects"));
    String plain = "clear text that must not reach the disk " + "x".repeat(200);
    var put =
        s3.putObject(
            b ->
                b.bucket("secret-objects")
                    .key("sealed.txt")
                    .serverSideEncryption(ServerSideEncryption.AES256),
            RequestBody.fromString(plain));
    assertEquals(ServerSideEncryption.AES256, put.serverSideEncryption());
    var head = s3.headObject(b -> b.bucket("secret-objects").key("sealed.txt"));
    assertEquals(ServerSideEncryption.AES256, head.serverSideEncryption());
    assertEquals(
        plain,
        s3.getObjectAsBytes(b -> b.bucket("secret-objects").key("sealed.txt")).asUtf8String());
    assertFalse(diskContains(root, "clear text that must not reach the disk"));

    s3.putObject(
        b -> b.bucket("secret-objects").key("open.txt"),
        RequestBody.fromString("visible marker text"));
    assertTrue(diskContains(root, "visible marker text"), "the check can see plain objects");
  }

  @Test
  void bucketDefaultEncryptionAppliesToNewObjects() throws IOException {
    s3.createBucket(b -> b.bucket("encrypted-bucket"));
    s3.putBucketEncryption(
        b ->
            b.bucket("encrypted-bucket")
                .serverSideEncryptionConfiguration(
                    c ->
                        c.rules(
                            ServerSideEncryptionRule.builder()
                                .applyServerSideEncryptionByDefault(
                                    d -> d.sseAlgorithm(ServerSideEncryption.AES256))
                                .build())));
    List<ServerSideEncryptionRule> rules =
        s3.getBucketEncryption(b -> b.bucket("encrypted-bucket"))
            .serverSideEncryptionConfiguration()
            .rules();
    assertEquals(
        ServerSideEncryption.AES256,
        rules.get(0).applyServerSideEncryptionByDefault().sseAlgorithm());
    assertEquals(BucketEncryption.SSE_S3, fixture.service().encryption("encrypted-bucket"));

    s3.putObject(
        b -> b.bucket("encrypted-bucket").key("by-default.txt"),
        RequestBody.fromString("defaulted secret payload"));
    assertEquals(
        ServerSideEncryption.AES256,
        s3.headObject(b -> b.bucket("encrypted-bucket").key("by-default.txt"))
            .serverSideEncryption());
    assertFalse(diskContains(root, "defaulted secret payload"));

    s3.deleteBucketEncryption(b -> b.bucket("encrypted-bucket"));
    assertEquals(BucketEncryption.NONE, fixture.service().encryption("encrypted-bucket"));
  }

  private static boolean diskContains(Path directory, String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(file), needle) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
