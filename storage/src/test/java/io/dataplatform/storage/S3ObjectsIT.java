package io.dataplatform.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.storage.disk.ObjectEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Buckets, objects, listings and conditional requests through the AWS SDK. */
class S3ObjectsIT extends StorePerTestClass {
  @Test
  void bucketsAreCreatedListedHeadedLocatedAndDeleted() {
    s3.createBucket(b -> b.bucket("lifecycle"));
    List<String> names = s3.listBuckets().buckets().stream().map(Bucket::name).toList();
    assertTrue(names.contains("lifecycle"), names.toString());
    s3.headBucket(b -> b.bucket("lifecycle"));
    String location = s3.getBucketLocation(b -> b.bucket("lifecycle")).locationConstraintAsString();
    assertTrue(location == null || location.isEmpty() || location.equals("us-east-1"), location);

    s3.deleteBucket(b -> b.bucket("lifecycle"));
    S3Exception missing =
        assertThrows(S3Exception.class, () -> s3.headBucket(b -> b.bucket("lifecycle")));
    assertEquals(404, missing.statusCode());
    NoSuchBucketException deleted =
        assertThrows(
            NoSuchBucketException.class, () -> s3.deleteBucket(b -> b.bucket("lifecycle")));
    assertEquals("NoSuchBucket", deleted.awsErrorDetails().errorCode());
  }

  @Test
  void nonEmptyBucketIsNotDeleted() {
    s3.createBucket(b -> b.bucket("full"));
    s3.putObject(b -> b.bucket("full").key("k"), RequestBody.fromString("x"));
    S3Exception error =
        assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket("full")));
    assertEquals("BucketNotEmpty", error.awsErrorDetails().errorCode());
    assertEquals(409, error.statusCode());
  }

  @Test
  void objectKeepsBytesContentTypeAndUserMetadata() {
    byte[] body = "0123456789".getBytes(StandardCharsets.UTF_8);
    PutObjectResponse put =
        s3.putObject(
            b ->
                b.bucket("staging")
                    .key("dir/data.csv")
                    .contentType("text/csv")
                    .metadata(Map.of("owner", "ingest", "run-id", "42")),
            RequestBody.fromBytes(body));

    HeadObjectResponse head = s3.headObject(b -> b.bucket("staging").key("dir/data.csv"));
    assertEquals(10L, head.contentLength());
    assertEquals("text/csv", head.contentType());
    assertEquals(Map.of("owner", "ingest", "run-id", "42"), head.metadata());
    assertEquals(put.eTag(), head.eTag());

    ResponseBytes<GetObjectResponse> whole =
        s3.getObjectAsBytes(b -> b.bucket("staging").key("dir/data.csv"));
    assertArrayEquals(body, whole.asByteArray());
    assertEquals("text/csv", whole.response().contentType());

    ResponseBytes<GetObjectResponse> range =
        s3.getObjectAsBytes(b -> b.bucket("staging").key("dir/data.csv").range("bytes=2-5"));
    assertEquals("2345", range.asUtf8String());
    assertEquals("bytes 2-5/10", range.response().contentRange());
    ResponseBytes<GetObjectResponse> suffix =
        s3.getObjectAsBytes(b -> b.bucket("staging").key("dir/data.csv").range("bytes=-3"));
    assertEquals("789", suffix.asUtf8String());
  }

  @Test
  void deletedObjectIsGone() {
    s3.putObject(b -> b.bucket("staging").key("gone.txt"), RequestBody.fromString("bye"));
    s3.deleteObject(b -> b.bucket("staging").key("gone.txt"));
    NoSuchKeyException error =
        assertThrows(
            NoSuchKeyException.class,
            () -> s3.getObjectAsBytes(b -> b.bucket("staging").key("gone.txt")));
    assertEquals("NoSuchKey", error.awsErrorDetails().errorCode());
    S3Exception head =
        assertThrows(
            S3Exception.class, () -> s3.headObject(b -> b.bucket("staging").key("gone.txt")));
    assertEquals(404, head.statusCode());
  }

  @Test
  void serverSideCopyCopiesOrReplacesMetadata() {
    s3.putObject(
        b ->
            b.bucket("staging")
                .key("source.json")
                .contentType("application/json")
                .metadata(Map.of("a", "1")),
        RequestBody.fromString("{\"v\":1}"));

    CopyObjectResponse copy =
        s3.copyObject(
            b ->
                b.sourceBucket("staging")
                    .sourceKey("source.json")
                    .destinationBucket("artifacts")
                    .destinationKey("copy.json"));
    HeadObjectResponse copied = s3.headObject(b -> b.bucket("artifacts").key("copy.json"));
    assertEquals(copy.copyObjectResult().eTag(), copied.eTag());
    assertEquals("application/json", copied.contentType());
    assertEquals(Map.of("a", "1"), copied.metadata());
    assertEquals(
        "{\"v\":1}",
        s3.getObjectAsBytes(b -> b.bucket("artifacts").key("copy.json")).asUtf8String());

    s3.copyObject(
        b ->
            b.sourceBucket("staging")
                .sourceKey("source.json")
                .destinationBucket("artifacts")
                .destinationKey("replaced.json")
                .metadataDirective(MetadataDirective.REPLACE)
                .contentType("text/plain")
                .metadata(Map.of("b", "2")));
    HeadObjectResponse replaced = s3.headObject(b -> b.bucket("artifacts").key("replaced.json"));
    assertEquals("text/plain", replaced.contentType());
    assertEquals(Map.of("b", "2"), replaced.metadata());
  }

  @Test
  void listObjectsV2FiltersByPrefixRollsUpByDelimiterAndPages() {
    s3.createBucket(b -> b.bucket("listing-v2"));
    for (String key : List.of("a/1", "a/2", "a/3", "a/sub/4", "b/5", "top")) {
      s3.putObject(b -> b.bucket("listing-v2").key(key), RequestBody.fromString(key));
    }
    ListObjectsV2Response folders = s3.listObjectsV2(b -> b.bucket("listing-v2").delimiter("/"));
    assertEquals(List.of("top"), folders.contents().stream().map(S3Object::key).toList());
    assertEquals(
        List.of("a/", "b/"), folders.commonPrefixes().stream().map(CommonPrefix::prefix).toList());

    ListObjectsV2Response underA =
        s3.listObjectsV2(b -> b.bucket("listing-v2").prefix("a/").delimiter("/"));
    assertEquals(
        List.of("a/1", "a/2", "a/3"), underA.contents().stream().map(S3Object::key).toList());
    assertEquals(
        List.of("a/sub/"), underA.commonPrefixes().stream().map(CommonPrefix::prefix).toList());

    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String current = token;
      ListObjectsV2Response page =
          s3.listObjectsV2(b -> b.bucket("listing-v2").maxKeys(4).continuationToken(current));
      page.contents().forEach(object -> paged.add(object.key()));
      token = page.isTruncated() ? page.nextContinuationToken() : null;
      pages++;
    } while (token != null);
    assertEquals(List.of("a/1", "a/2", "a/3", "a/sub/4", "b/5", "top"), paged);
    assertEquals(2, pages);
  }

  @Test
  void listObjectsV1PagesWithMarkers() {
    s3.createBucket(b -> b.bucket("listing-v1"));
    for (String key : List.of("k1", "k2", "k3", "p/k4", "p/k5")) {
      s3.putObject(b -> b.bucket("listing-v1").key(key), RequestBody.fromString(key));
    }
    ListObjectsResponse first = s3.listObjects(b -> b.bucket("listing-v1").maxKeys(2));
    assertTrue(first.isTruncated());
    assertEquals(List.of("k1", "k2"), first.contents().stream().map(S3Object::key).toList());
    String marker = first.contents().get(1).key();
    ListObjectsResponse second = s3.listObjects(b -> b.bucket("listing-v1").marker(marker));
    assertFalse(second.isTruncated());
    assertEquals(
        List.of("k3", "p/k4", "p/k5"), second.contents().stream().map(S3Object::key).toList());

    ListObjectsResponse rolled = s3.listObjects(b -> b.bucket("listing-v1").delimiter("/"));
    assertEquals(
        List.of("p/"), rolled.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    ListObjectsResponse prefixed = s3.listObjects(b -> b.bucket("listing-v1").prefix("p/"));
    assertEquals(List.of("p/k4", "p/k5"), prefixed.contents().stream().map(S3Object::key).toList());
  }

  @Test
  void multiObjectDeleteRemovesEveryNamedKey() {
    s3.createBucket(b -> b.bucket("bulk"));
    for (String key : List.of("x1", "x2", "x3", "keep")) {
      s3.putObject(b -> b.bucket("bulk").key(key), RequestBody.fromString(key));
    }
    DeleteObjectsResponse response =
        s3.deleteObjects(
            b ->
                b.bucket("bulk")
                    .delete(
                        Delete.builder()
                            .objects(
                                ObjectIdentifier.builder().key("x1").build(),
                                ObjectIdentifier.builder().key("x2").build(),
                                ObjectIdentifier.builder().key("x3").build())
                            .build()));
    assertEquals(
        List.of("x1", "x2", "x3"),
        response.deleted().stream().map(DeletedObject::key).sorted().toList());
    assertTrue(response.errors().isEmpty(), response.errors().toString());
    assertEquals(
        List.of("keep"),
        s3.listObjectsV2(b -> b.bucket("bulk")).contents().stream().map(S3Object::key).toList());
    assertEquals(
        List.of("REMOVED x1", "REMOVED x2", "REMOVED x3"),
        fixture.service().recentEvents(Optional.of("bulk"), Optional.of("x"), 10).stream()
            .filter(event -> event.type() == ObjectEvent.Type.REMOVED)
            .map(event -> event.type() + " " + event.key())
            .sorted()
            .toList());
  }

  @Test
  void conditionalGetAnswersPreconditionFailedAndNotModified() {
    String etag =
        s3.putObject(b -> b.bucket("staging").key("cond.txt"), RequestBody.fromString("v1")).eTag();

    assertEquals(
        "v1",
        s3.getObjectAsBytes(b -> b.bucket("staging").key("cond.txt").ifMatch(etag)).asUtf8String());
    S3Exception mismatch =
        assertThrows(
            S3Exception.class,
            () ->
                s3.getObjectAsBytes(b -> b.bucket("staging").key("cond.txt").ifMatch("\"0000\"")));
    assertEquals(412, mismatch.statusCode());
    assertEquals("PreconditionFailed", mismatch.awsErrorDetails().errorCode());

    S3Exception notModified =
        assertThrows(
            S3Exception.class,
            () -> s3.getObjectAsBytes(b -> b.bucket("staging").key("cond.txt").ifNoneMatch(etag)));
    assertEquals(304, notModified.statusCode());
    assertEquals(
        "v1",
        s3.getObjectAsBytes(b -> b.bucket("staging").key("cond.txt").ifNoneMatch("\"0000\""))
            .asUtf8String());
  }

  @Test
  void conditionalPutRefusesToOverwriteOrToWriteOverAChangedObject() {
    String etag =
        s3.putObject(
                b -> b.bucket("staging").key("once.txt").ifNoneMatch("*"),
                RequestBody.fromString("first"))
            .eTag();
    S3Exception exists =
        assertThrows(
            S3Exception.class,
            () ->
                s3.putObject(
                    b -> b.bucket("staging").key("once.txt").ifNoneMatch("*"),
                    RequestBody.fromString("second")));
    assertEquals(412, exists.statusCode());
    assertEquals("PreconditionFailed", exists.awsErrorDetails().errorCode());

    S3Exception changed =
        assertThrows(
            S3Exception.class,
            () ->
                s3.putObject(
                    b -> b.bucket("staging").key("once.txt").ifMatch("\"0000\""),
                    RequestBody.fromString("third")));
    assertEquals(412, changed.statusCode());
    s3.putObject(
        b -> b.bucket("staging").key("once.txt").ifMatch(etag), RequestBody.fromString("fourth"));
    assertEquals(
        "fourth", s3.getObjectAsBytes(b -> b.bucket("staging").key("once.txt")).asUtf8String());
  }
}
