package io.dataplatform.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The store keeps each bucket's parsed settings while the settings file is unchanged; these tests
 * change the file in every way it can change and check that no write uses stale settings.
 */
class TestBucketSettingsReuse {
  @TempDir Path root;

  @Test
  void aChangeMadeThroughAnotherStoreOnTheSameDirectoryIsSeen() {
    StoreFixture first = new StoreFixture(root);
    first.store.createContainer("shared");
    assertNull(first.put("shared", "a", "one").versionId());
    // another store instance rewrites the settings file behind the first one's back
    StoreFixture second = first.reopen();
    second.store.putBucketVersioning("shared", BucketVersioningStatus.ENABLED);
    String versionId = first.put("shared", "a", "two").versionId();
    assertNotNull(versionId, "the first store wrote with the settings it had read before");
    assertTrue(KeyDirectory.isVersionId(versionId), versionId);
    assertEquals(BucketVersioningStatus.ENABLED, first.store.getBucketVersioning("shared"));
  }

  @Test
  void aBucketDeletedAndCreatedAgainHasItsNewSettings() {
    StoreFixture fixture = new StoreFixture(root);
    fixture.store.createContainer("again");
    fixture.store.putBucketVersioning("again", BucketVersioningStatus.ENABLED);
    String versionId = fixture.put("again", "k", "versioned").versionId();
    assertNotNull(versionId);
    fixture.store.removeBlob("again", "k", versionId);
    fixture.store.deleteBucket("again");
    String message =
        StoreFixture.assertS3Error(
            404, "NoSuchBucket", () -> fixture.put("again", "k", "no bucket"));
    assertEquals("Cannot find bucket: it does not exist (again)", message);

    fixture.store.createContainer("again");
    assertNull(fixture.store.getBucketVersioning("again"));
    assertNull(fixture.put("again", "k", "plain").versionId());
    assertEquals("plain", fixture.read("again", "k"));
  }

  @Test
  void defaultEncryptionTurnedOnAppliesToTheNextWrite() throws Exception {
    StoreFixture fixture = new StoreFixture(root);
    fixture.store.createContainer("enc");
    assertNull(fixture.put("enc", "before", "clear").serverSideEncryption());
    fixture.store.putBucketEncryption(
        software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest.builder()
            .bucket("enc")
            .serverSideEncryptionConfiguration(
                configuration ->
                    configuration.rules(
                        rule ->
                            rule.applyServerSideEncryptionByDefault(
                                encryption ->
                                    encryption.sseAlgorithm(ServerSideEncryption.AES256))))
            .build());
    assertEquals(
        ServerSideEncryption.AES256, fixture.put("enc", "after", "secret").serverSideEncryption());
    assertEquals("secret", fixture.read("enc", "after"));
    try (Stream<Path> files = Files.walk(root.resolve("buckets").resolve("enc"))) {
      assertFalse(
          files.filter(Files::isRegularFile).anyMatch(file -> readQuietly(file).contains("secret")),
          "an object written after default encryption was enabled is stored in clear");
    }
  }

  private static String readQuietly(Path file) {
    try {
      return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
