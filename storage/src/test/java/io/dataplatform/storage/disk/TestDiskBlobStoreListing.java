package io.dataplatform.storage.disk;

import static io.dataplatform.storage.disk.StoreFixture.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

class TestDiskBlobStoreListing {
  @TempDir Path root;
  StoreFixture fixture;

  @BeforeEach
  void fill() {
    fixture = new StoreFixture(root);
    fixture.store.createContainer("lake");
    for (String key :
        List.of("a/1", "a/2", "a/sub/3", "b", "c/4", "c/5", "d", "e/6", "\uFFFF", "\uD83D\uDE00")) {
      fixture.put("lake", key, key);
    }
  }

  @Test
  void listsInUtf8OrderWithoutDelimiter() {
    var keys = keys(fixture.store.list("lake").contents());
    assertEquals(
        List.of("a/1", "a/2", "a/sub/3", "b", "c/4", "c/5", "d", "e/6", "\uFFFF", "\uD83D\uDE00"),
        keys);
  }

  @Test
  void groupsByDelimiterAndPaginates() {
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ListObjectsV2Response page =
          fixture.store.list(
              ListObjectsV2Request.builder()
                  .bucket("lake")
                  .delimiter("/")
                  .maxKeys(2)
                  .continuationToken(token)
                  .build());
      assertTrue(page.keyCount() <= 2);
      seen.addAll(keys(page.contents()));
      seen.addAll(page.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
      token = page.nextContinuationToken();
      assertEquals(token != null, page.isTruncated());
      pages++;
    } while (token != null);
    assertEquals(
        List.of("a/", "b", "c/", "d", "e/", "\uFFFF", "\uD83D\uDE00"),
        seen.stream().sorted(KeyNames.UTF8_ORDER).toList());
    assertEquals(7, seen.size());
    assertEquals(4, pages);
  }

  @Test
  void listsUnderPrefix() {
    var page =
        fixture.store.list(
            ListObjectsV2Request.builder().bucket("lake").prefix("a/").delimiter("/").build());
    assertEquals(List.of("a/1", "a/2"), keys(page.contents()));
    assertEquals(
        List.of("a/sub/"), page.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    assertFalse(page.isTruncated());
    var after =
        fixture.store.list(ListObjectsV2Request.builder().bucket("lake").startAfter("c/4").build());
    assertEquals("c/5", after.contents().get(0).key());
    var none = fixture.store.list(ListObjectsV2Request.builder().bucket("lake").maxKeys(0).build());
    assertTrue(none.contents().isEmpty());
  }

  @Test
  void listsVersionOneWithMarkers() {
    var page =
        fixture.store.listV1(
            ListObjectsRequest.builder().bucket("lake").delimiter("/").maxKeys(3).build());
    assertEquals(List.of("b"), keys(page.contents()));
    assertEquals(
        List.of("a/", "c/"), page.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    assertEquals("c/", page.nextMarker());
    var next =
        fixture.store.listV1(
            ListObjectsRequest.builder()
                .bucket("lake")
                .delimiter("/")
                .marker(page.nextMarker())
                .build());
    assertEquals(List.of("d", "\uFFFF", "\uD83D\uDE00"), keys(next.contents()));
    assertEquals(List.of("e/"), next.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    assertNull(next.nextMarker());
  }

  @Test
  void hidesDeletedObjectsAndRejectsForeignTokens() {
    fixture.store.removeBlob("lake", "b");
    assertFalse(keys(fixture.store.list("lake").contents()).contains("b"));
    String message =
        assertS3Error(
            400,
            "InvalidArgument",
            () ->
                fixture.store.list(
                    ListObjectsV2Request.builder()
                        .bucket("lake")
                        .continuationToken("%%%")
                        .build()));
    assertEquals(
        "Cannot list bucket: the continuation token is not one this store issued (%%%)", message);
    assertS3Error(404, "NoSuchBucket", () -> fixture.store.list("missing"));
  }

  private static List<String> keys(List<S3Object> objects) {
    return objects.stream().map(S3Object::key).toList();
  }
}
