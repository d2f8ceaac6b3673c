package io.dataplatform.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.storage.disk.ObjectEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The service facade: root and user keys, default buckets, events and object operations. */
class StorageServiceIT {
  @TempDir Path root;

  @Test
  void firstStartGeneratesARootPairThatLaterStartsReuse() throws Exception {
    S3Credentials generated;
    try (StorageFixture fixture = StorageFixture.start(root.resolve("configured"))) {
      assertEquals(RootCredentials.Origin.CONFIGURED, fixture.service().rootCredentials().origin());
    }
    Path storage = root.resolve("generated");
    try (StorageService first =
        StorageService.start(
            StorageConfig.defaults(storage).withPort(0),
            StorageFixture.MASTER_KEY,
            Optional.empty())) {
      RootCredentials credentials = first.rootCredentials();
      assertEquals(RootCredentials.Origin.GENERATED, credentials.origin());
      generated = credentials.credentials();
      assertEquals(20, generated.accessKeyId().length());
      assertEquals(40, generated.secretKey().length());
    }
    String keyFile = Files.readString(storage.resolve(AccessKeys.FILE_NAME));
    assertTrue(keyFile.contains(generated.accessKeyId()), keyFile);
    assertFalse(keyFile.contains(generated.secretKey()), "the secret is stored sealed");

    try (StorageService second =
        StorageService.start(
            StorageConfig.defaults(storage).withPort(0),
            StorageFixture.MASTER_KEY,
            Optional.empty())) {
      assertEquals(RootCredentials.Origin.STORED, second.rootCredentials().origin());
      assertEquals(generated, second.rootCredentials().credentials());
    }
  }

  @Test
  void defaultBucketsExistFromTheFirstStart() throws Exception {
    try (StorageFixture fixture = StorageFixture.start(root)) {
      List<String> names =
          fixture.client().listBuckets().buckets().stream().map(Bucket::name).toList();
      assertEquals(List.of("artifacts", "staging", "warehouse"), names);
      fixture.client().deleteBucket(b -> b.bucket("artifacts"));
      fixture.restart();
      assertTrue(fixture.service().bucketExists("artifacts"), "recreated when missing");
    }
  }

  @Test
  void userKeysSignRequestsUntilRevokedAndSurviveRestarts() throws Exception {
    try (StorageFixture fixture = StorageFixture.start(root)) {
      S3Credentials key = fixture.service().createAccessKey("spark job");
      S3Credentials other = fixture.service().createAccessKey("dashboards");
      assertEquals(20, key.accessKeyId().length());
      fixture
          .client(key)
          .putObject(b -> b.bucket("staging").key("by-user"), RequestBody.fromString("u"));

      List<AccessKey> listed = fixture.service().listAccessKeys();
      assertEquals(
          List.of("spark job", "dashboards"), listed.stream().map(AccessKey::description).toList());
      assertFalse(listed.toString().contains(key.secretKey()));

      fixture.restart();
      S3Client userClient = fixture.client(key);
      assertEquals(
          "u", userClient.getObjectAsBytes(b -> b.bucket("staging").key("by-user")).asUtf8String());

      fixture.service().revokeAccessKey(key.accessKeyId());
      S3Exception refused = assertThrows(S3Exception.class, userClient::listBuckets);
      assertEquals(403, refused.statusCode());
      assertEquals("InvalidAccessKeyId", refused.awsErrorDetails().errorCode());
      fixture.client(other).listBuckets();

      fixture.restart();
      assertEquals(
          List.of(other.accessKeyId()),
          fixture.service().listAccessKeys().stream().map(AccessKey::accessKeyId).toList());
      DpException again =
          assertThrows(
              DpException.class, () -> fixture.service().revokeAccessKey(key.accessKeyId()));
      assertEquals(
          "Cannot revoke access key: no such key (%s)".formatted(key.accessKeyId()),
          again.getMessage());
    }
  }

  @Test
  void subscribersReceiveEventsOfS3WritesAndDeletes() throws Exception {
    try (StorageFixture fixture = StorageFixture.start(root)) {
      List<ObjectEvent> received = new CopyOnWriteArrayList<>();
      Subscription subscription = fixture.service().subscribe(received::add);
      S3Client s3 = fixture.client();
      String etag =
          s3.putObject(
                  b -> b.bucket("warehouse").key("raw/t/1.parquet"),
                  RequestBody.fromString("12345"))
              .eTag();
      s3.copyObject(
          b ->
              b.sourceBucket("warehouse")
                  .sourceKey("raw/t/1.parquet")
                  .destinationBucket("staging")
                  .destinationKey("copy.parquet"));
      s3.deleteObject(b -> b.bucket("warehouse").key("raw/t/1.parquet"));
      subscription.close();
      s3.putObject(b -> b.bucket("warehouse").key("after-close"), RequestBody.fromString("x"));

      assertEquals(
          List.of(
              "CREATED warehouse/raw/t/1.parquet",
              "CREATED staging/copy.parquet",
              "REMOVED warehouse/raw/t/1.parquet"),
          received.stream().map(e -> e.type() + " " + e.bucket() + "/" + e.key()).toList());
      assertEquals(5, received.get(0).size());
      assertEquals(etag, received.get(0).etag());

      List<ObjectEvent> warehouse =
          fixture.service().recentEvents(Optional.of("warehouse"), Optional.of("raw/"), 10);
      assertEquals(
          List.of(ObjectEvent.Type.REMOVED, ObjectEvent.Type.CREATED),
          warehouse.stream().map(ObjectEvent::type).toList());
      assertEquals(
          "after-close",
          fixture.service().recentEvents(Optional.empty(), Optional.empty(), 1).get(0).key());
    }
  }

  @Test
  void facadeReadsAndWritesWhatS3ClientsSee() throws Exception {
    try (StorageFixture fixture = StorageFixture.start(root)) {
      StorageService service = fixture.service();
      service.createBucket("console");
      byte[] body = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
      ObjectInfo info =
          service.putObject(
              "console", "data/x.csv", new ByteArrayInputStream(body), body.length, "text/csv");
      assertEquals(body.length, info.size());
      service.putObject(
          "console", "data/sub/y.csv", new ByteArrayInputStream(body), body.length, null);
      service.putObject("console", "readme", new ByteArrayInputStream(body), body.length, null);

      assertEquals(
          "a,b\n1,2\n",
          fixture
              .client()
              .getObjectAsBytes(b -> b.bucket("console").key("data/x.csv"))
              .asUtf8String());
      ObjectListing top =
          service.listObjects("console", "", Optional.of("/"), Optional.empty(), 100);
      assertEquals(List.of("readme"), top.objects().stream().map(ObjectSummary::key).toList());
      assertEquals(List.of("data/"), top.commonPrefixes());
      ObjectListing data =
          service.listObjects("console", "data/", Optional.of("/"), Optional.empty(), 100);
      assertEquals(List.of("data/x.csv"), data.objects().stream().map(ObjectSummary::key).toList());
      assertEquals(List.of("data/sub/"), data.commonPrefixes());

      try (ObjectContent content = service.getObject("console", "data/x.csv", Optional.empty())) {
        assertEquals("text/csv", content.info().contentType());
        assertEquals(
            "a,b\n1,2\n", new String(content.body().readAllBytes(), StandardCharsets.UTF_8));
      }

      service.setVersioning("console", VersioningState.ENABLED);
      assertEquals(VersioningState.ENABLED, service.versioning("console"));
      service.putObject("console", "readme", new ByteArrayInputStream(new byte[3]), 3, null);
      service.deleteObject("console", "readme", Optional.empty());
      List<ObjectVersionSummary> versions = service.listVersions("console", "readme", 100);
      assertEquals(3, versions.size(), versions.toString());
      assertTrue(versions.get(0).deleteMarker() && versions.get(0).latest(), versions.toString());
      assertEquals(Optional.empty(), service.headObject("console", "readme", Optional.empty()));

      service.setEncryption("console", BucketEncryption.SSE_S3);
      assertEquals(BucketEncryption.SSE_S3, service.encryption("console"));

      DpException missing =
          assertThrows(DpException.class, () -> service.versioning("no-such-bucket"));
      assertEquals(StorageErrorCode.BUCKET_NOT_FOUND, missing.code());
      assertEquals(
          "Cannot read versioning of bucket: no such bucket (no-such-bucket)",
          missing.getMessage());
      DpException badName = assertThrows(DpException.class, () -> service.createBucket("Bad_Name"));
      assertEquals(
          "Cannot use bucket name: use 3 to 63 lowercase letters, digits, dots and hyphens (Bad_Name)",
          badName.getMessage());
    }
  }
}
