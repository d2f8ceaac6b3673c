package io.dataplatform.storage.disk;

import static io.dataplatform.storage.disk.StoreFixture.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

class TestDiskBlobStoreVersioning {
  @TempDir Path root;
  StoreFixture fixture;

  @BeforeEach
  void createBucket() {
    fixture = new StoreFixture(root);
    fixture.store.createContainer("vers");
  }

  private String readVersion(String key, String versionId) {
    return fixture.read(
        GetObjectRequest.builder().bucket("vers").key(key).versionId(versionId).build());
  }

  @Test
  void reportsVersioningState() {
    assertNull(fixture.store.getBucketVersioning("vers"));
    fixture.store.putBucketVersioning("vers", BucketVersioningStatus.ENABLED);
    assertEquals(
        BucketVersioningStatus.ENABLED, fixture.reopen().store.getBucketVersioning("vers"));
    fixture.store.putBucketVersioning("vers", BucketVersioningStatus.SUSPENDED);
    assertEquals(BucketVersioningStatus.SUSPENDED, fixture.store.getBucketVersioning("vers"));
    assertTrue(fixture.store.supportsVersioning());
  }

  @Test
  void keepsEveryVersionAndDeleteMarkers() {
    fixture.store.putBucketVersioning("vers", BucketVersioningStatus.ENABLED);
    String first = fixture.put("vers", "k", "one").versionId();
    String second = fixture.put("vers", "k", "two").versionId();
    assertNotEquals(first, second);
    assertTrue(first.compareTo(second) < 0, "version ids sort by creation");
    assertEquals("two", fixture.read("vers", "k"));
    assertEquals("one", readVersion("k", first));
    assertEquals(second, fixture.store.blobMetadata("vers", "k").versionId());

    var deleted = fixture.store.removeBlob("vers", "k", null);
    assertTrue(deleted.deleteMarker());
    String marker = deleted.versionId();
    AwsServiceException error =
        org.junit.jupiter.api.Assertions.assertThrows(
            AwsServiceException.class, () -> fixture.read("vers", "k"));
    assertEquals("NoSuchKey", error.awsErrorDetails().errorCode());
    assertEquals(
        List.of("true"),
        error.awsErrorDetails().sdkHttpResponse().headers().get("x-amz-delete-marker"));
    assertEquals("two", readVersion("k", second));
    String message = assertS3Error(405, "MethodNotAllowed", () -> readVersion("k", marker));
    assertEquals(
        "Cannot read object version: it is a delete marker (vers/k version " + marker + ")",
        message);
    assertS3Error(404, "NoSuchVersion", () -> readVersion("k", "0000000000000001"));
    assertTrue(fixture.store.list("vers").contents().isEmpty());

    var undeleted = fixture.store.removeBlob("vers", "k", marker);
    assertTrue(undeleted.deleteMarker());
    assertEquals("two", fixture.read("vers", "k"));
    fixture.store.removeBlob("vers", "k", second);
    assertEquals("one", fixture.read("vers", "k"));
  }

  @Test
  void listsVersionsWithPagination() {
    fixture.store.putBucketVersioning("vers", BucketVersioningStatus.ENABLED);
    List<String> expected = new ArrayList<>();
    for (String key : List.of("a", "b", "dir/c")) {
      for (int i = 0; i < 3; i++) {
        expected.add(key + "@" + fixture.put("vers", key, key + i).versionId());
      }
    }
    String marker = fixture.store.removeBlob("vers", "b", null).versionId();

    ListObjectVersionsResponse all =
        fixture.store.listVersions(ListObjectVersionsRequest.builder().bucket("vers").build());
    assertEquals(9, all.versions().size());
    assertEquals(1, all.deleteMarkers().size());
    DeleteMarkerEntry markerEntry = all.deleteMarkers().get(0);
    assertEquals(marker, markerEntry.versionId());
    assertTrue(markerEntry.isLatest());
    assertEquals(
        List.of(true, false, false),
        all.versions().stream()
            .filter(v -> v.key().equals("a"))
            .map(ObjectVersion::isLatest)
            .toList());
    assertFalse(
        all.versions().stream().filter(v -> v.key().equals("b")).anyMatch(ObjectVersion::isLatest));

    List<String> paged = new ArrayList<>();
    String keyMarker = null;
    String versionMarker = null;
    ListObjectVersionsResponse page;
    do {
      page =
          fixture.store.listVersions(
              ListObjectVersionsRequest.builder()
                  .bucket("vers")
                  .maxKeys(4)
                  .keyMarker(keyMarker)
                  .versionIdMarker(versionMarker)
                  .build());
      page.versions().forEach(v -> paged.add(v.key() + "@" + v.versionId()));
      page.deleteMarkers().forEach(m -> paged.add(m.key() + "@" + m.versionId()));
      keyMarker = page.nextKeyMarker();
      versionMarker = page.nextVersionIdMarker();
    } while (page.isTruncated());
    expected.add("b@" + marker);
    assertEquals(expected.stream().sorted().toList(), paged.stream().sorted().toList());

    var grouped =
        fixture.store.listVersions(
            ListObjectVersionsRequest.builder().bucket("vers").delimiter("/").build());
    assertEquals("dir/", grouped.commonPrefixes().get(0).prefix());
    assertEquals(6, grouped.versions().size());
  }

  @Test
  void suspendedBucketWritesNullVersions() {
    fixture.put("vers", "k", "before versioning");
    fixture.store.putBucketVersioning("vers", BucketVersioningStatus.ENABLED);
    String kept = fixture.put("vers", "k", "versioned").versionId();
    fixture.store.putBucketVersioning("vers", BucketVersioningStatus.SUSPENDED);

    assertEquals("null", fixture.put("vers", "k", "suspended one").versionId());
    assertEquals("null", fixture.put("vers", "k", "suspended two").versionId());
    assertEquals("suspended two", readVersion("k", "null"));
    assertEquals("versioned", readVersion("k", kept));
    var versions =
        fixture
            .store
            .listVersions(ListObjectVersionsRequest.builder().bucket("vers").build())
            .versions();
    assertEquals(List.of("null", kept), versions.stream().map(ObjectVersion::versionId).toList());

    var deleted = fixture.store.removeBlob("vers", "k", null);
    assertTrue(deleted.deleteMarker());
    assertEquals("null", deleted.versionId());
    var after =
        fixture.store.listVersions(ListObjectVersionsRequest.builder().bucket("vers").build());
    assertEquals(List.of(kept), after.versions().stream().map(ObjectVersion::versionId).toList());
    assertEquals("null", after.deleteMarkers().get(0).versionId());
  }

  @Test
  void unversionedObjectsHaveTheNullVersion() {
    fixture.put("vers", "k", "plain");
    assertEquals("plain", readVersion("k", "null"));
    assertNull(fixture.store.blobMetadata("vers", "k").versionId());
    var listed =
        fixture.store.listVersions(ListObjectVersionsRequest.builder().bucket("vers").build());
    assertEquals("null", listed.versions().get(0).versionId());
    fixture.store.deleteContainer("vers");
    assertFalse(fixture.store.containerExists("vers"));
  }

  @Test
  void eventsCarryVersionIds() {
    fixture.store.putBucketVersioning("vers", BucketVersioningStatus.ENABLED);
    String version = fixture.put("vers", "k", "x").versionId();
    String marker = fixture.store.removeBlob("vers", "k", null).versionId();
    assertEquals(version, fixture.events.get(0).versionId().orElseThrow());
    assertEquals(ObjectEvent.Type.REMOVED, fixture.events.get(1).type());
    assertEquals(marker, fixture.events.get(1).versionId().orElseThrow());
  }
}
