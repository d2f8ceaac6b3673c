package io.dataplatform.storage.disk;

import static io.dataplatform.storage.disk.StoreFixture.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;

class TestDiskBlobStoreBuckets {
  @TempDir Path root;

  @Test
  void createsListsAndDeletesBuckets() {
    StoreFixture fixture = new StoreFixture(root);
    var store = fixture.store;
    store.createContainer("beta");
    store.createContainer("alpha.data");
    assertTrue(store.containerExists("beta"));
    assertFalse(store.containerExists("gamma"));
    var buckets = store.list().buckets();
    assertEquals(
        java.util.List.of("alpha.data", "beta"), buckets.stream().map(Bucket::name).toList());
    assertNotNull(buckets.get(0).creationDate());
    assertEquals(BucketCannedACL.PRIVATE, store.getContainerAccess("beta"));

    store.deleteBucket("beta");
    assertFalse(store.containerExists("beta"));
    assertTrue(fixture.reopen().store.containerExists("alpha.data"));
  }

  @Test
  void refusesDuplicateAndInvalidNames() {
    var store = new StoreFixture(root).store;
    store.createContainer("data");
    String message =
        assertS3Error(409, "BucketAlreadyOwnedByYou", () -> store.createContainer("data"));
    assertEquals("Cannot create bucket: it already exists (data)", message);
    for (String name :
        new String[] {"ab", "Upper", "a..b", "192.168.1.1", "-lead", "xn--x", "a/b", ".."}) {
      String error = assertS3Error(400, "InvalidBucketName", () -> store.createContainer(name));
      assertTrue(error.startsWith("Cannot use bucket name: "), error);
      assertTrue(error.endsWith("(" + name + ")"), error);
    }
  }

  @Test
  void deletesOnlyEmptyBuckets() {
    StoreFixture fixture = new StoreFixture(root);
    fixture.store.createContainer("full");
    fixture.put("full", "a/b", "x");
    String message = assertS3Error(409, "BucketNotEmpty", () -> fixture.store.deleteBucket("full"));
    assertEquals("Cannot delete bucket: it still holds objects or object versions (full)", message);
    fixture.store.removeBlob("full", "a/b");
    fixture.store.deleteBucket("full");
    assertFalse(fixture.store.containerExists("full"));
    assertS3Error(404, "NoSuchBucket", () -> fixture.store.deleteBucket("full"));
  }

  @Test
  void bucketHoldingOnlyADeleteMarkerIsNotEmpty() {
    StoreFixture fixture = new StoreFixture(root);
    fixture.store.createContainer("versioned");
    fixture.store.putBucketVersioning(
        "versioned", software.amazon.awssdk.services.s3.model.BucketVersioningStatus.ENABLED);
    fixture.put("versioned", "k", "v");
    fixture.store.removeBlob("versioned", "k");
    assertS3Error(409, "BucketNotEmpty", () -> fixture.store.deleteBucket("versioned"));
  }

  @Test
  void keepsBucketAcl() {
    StoreFixture fixture = new StoreFixture(root);
    fixture.store.createContainer("shared");
    fixture.store.setContainerAccess("shared", BucketCannedACL.PUBLIC_READ);
    assertEquals(BucketCannedACL.PUBLIC_READ, fixture.reopen().store.getContainerAccess("shared"));
  }
}
