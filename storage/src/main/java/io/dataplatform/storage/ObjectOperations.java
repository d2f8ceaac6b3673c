package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Object operations of {@link StorageService}, thin over the store. */
final class ObjectOperations {
  static final int MAX_KEYS = 1000;
  private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  private final BlobStore store;

  ObjectOperations(BlobStore store) {
    this.store = requireNonNull(store, "store");
  }

  ObjectListing list(
      String bucket,
      String prefix,
      Optional<String> delimiter,
      Optional<String> pageToken,
      int maxKeys) {
    requireNonNull(prefix, "prefix");
    var request =
        ListObjectsV2Request.builder()
            .bucket(bucket)
            .prefix(prefix.isEmpty() ? null : prefix)
            .delimiter(delimiter.filter(d -> !d.isEmpty()).orElse(null))
            .continuationToken(pageToken.orElse(null))
            .maxKeys(checkedMaxKeys(maxKeys))
            .build();
    ListObjectsV2Response response =
        StoreErrors.call("list objects of bucket " + bucket, () -> store.list(request));
    List<ObjectSummary> objects = new ArrayList<>();
    for (S3Object object : response.contents()) {
      objects.add(
          new ObjectSummary(
              object.key(),
              object.size() == null ? 0 : object.size(),
              quoted(object.eTag()),
              instant(object.lastModified())));
    }
    List<String> prefixes = response.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    Optional<String> next =
        Boolean.TRUE.equals(response.isTruncated())
            ? Optional.ofNullable(response.nextContinuationToken())
            : Optional.empty();
    return new ObjectListing(objects, prefixes, next);
  }

  List<ObjectVersionSummary> versions(String bucket, String prefix, int maxKeys) {
    requireNonNull(prefix, "prefix");
    var request =
        ListObjectVersionsRequest.builder()
            .bucket(bucket)
            .prefix(prefix.isEmpty() ? null : prefix)
            .maxKeys(checkedMaxKeys(maxKeys))
            .build();
    ListObjectVersionsResponse response =
        StoreErrors.call("list versions of bucket " + bucket, () -> store.listVersions(request));
    List<ObjectVersionSummary> versions = new ArrayList<>();
    for (ObjectVersion version : response.versions()) {
      versions.add(
          new ObjectVersionSummary(
              version.key(),
              String.valueOf(version.versionId()),
              Boolean.TRUE.equals(version.isLatest()),
              false,
              version.size() == null ? 0 : version.size(),
              quoted(version.eTag()),
              instant(version.lastModified())));
    }
    for (DeleteMarkerEntry marker : response.deleteMarkers()) {
      versions.add(
          new ObjectVersionSummary(
              marker.key(),
              String.valueOf(marker.versionId()),
              Boolean.TRUE.equals(marker.isLatest()),
              true,
              0,
              "",
              instant(marker.lastModified())));
    }
    versions.sort(
        Comparator.comparing(ObjectVersionSummary::key)
            .thenComparing(ObjectVersionSummary::lastModified, Comparator.reverseOrder()));
    return List.copyOf(versions);
  }

  ObjectInfo put(String bucket, String key, InputStream body, long length, String contentType) {
    requireNonNull(body, "body");
    if (length < 0) {
      throw DpException.user(
          "Cannot store object %s/%s: the length is negative (%d)".formatted(bucket, key, length));
    }
    var request =
        PutObjectRequest.builder()
            .bucket(bucket)
            .key(requireKey(key))
            .contentLength(length)
            .contentType(
                contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType)
            .build();
    PutObjectResponse response =
        StoreErrors.call(
            "store object %s/%s".formatted(bucket, key), () -> store.putBlob(request, body));
    return written(bucket, key, Optional.ofNullable(response.versionId()));
  }

  /** The object a write just committed; its absence means the store lost it. */
  ObjectInfo written(String bucket, String key, Optional<String> versionId) {
    return head(bucket, key, versionId)
        .orElseThrow(
            () ->
                new DpException(
                    StorageErrorCode.STORAGE_FAILURE,
                    "Cannot store object: it is gone right after the write (%s/%s)"
                        .formatted(bucket, key)));
  }

  ObjectContent get(String bucket, String key, Optional<String> versionId) {
    var request =
        GetObjectRequest.builder()
            .bucket(bucket)
            .key(requireKey(key))
            .versionId(versionId.orElse(null))
            .build();
    ResponseInputStream<GetObjectResponse> stream =
        StoreErrors.call("read object %s/%s".formatted(bucket, key), () -> store.getBlob(request));
    if (stream == null) {
      throw notFound(bucket, key);
    }
    GetObjectResponse response = stream.response();
    var info =
        new ObjectInfo(
            bucket,
            key,
            Optional.ofNullable(response.versionId()),
            response.contentLength() == null ? 0 : response.contentLength(),
            quoted(response.eTag()),
            contentType(response.contentType()),
            instant(response.lastModified()),
            response.metadata(),
            Optional.ofNullable(response.serverSideEncryptionAsString()));
    return new ObjectContent(info, stream);
  }

  Optional<ObjectInfo> head(String bucket, String key, Optional<String> versionId) {
    var request =
        HeadObjectRequest.builder()
            .bucket(bucket)
            .key(requireKey(key))
            .versionId(versionId.orElse(null))
            .build();
    HeadObjectResponse response =
        StoreErrors.call(
            "read metadata of object %s/%s".formatted(bucket, key),
            () -> store.blobMetadataIfPresent(request));
    if (response == null || Boolean.TRUE.equals(response.deleteMarker())) {
      return Optional.empty();
    }
    return Optional.of(
        new ObjectInfo(
            bucket,
            key,
            Optional.ofNullable(response.versionId()),
            response.contentLength() == null ? 0 : response.contentLength(),
            quoted(response.eTag()),
            contentType(response.contentType()),
            instant(response.lastModified()),
            response.metadata() == null ? Map.of() : response.metadata(),
            Optional.ofNullable(response.serverSideEncryptionAsString())));
  }

  void delete(String bucket, String key, Optional<String> versionId) {
    var request =
        DeleteObjectRequest.builder()
            .bucket(bucket)
            .key(requireKey(key))
            .versionId(versionId.orElse(null))
            .build();
    StoreErrors.run("delete object %s/%s".formatted(bucket, key), () -> store.removeBlob(request));
  }

  private static String requireKey(String key) {
    requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > 1024) {
      throw DpException.user(
          "Cannot use object key: it must have 1 to 1024 characters (%d)".formatted(key.length()));
    }
    return key;
  }

  private static int checkedMaxKeys(int maxKeys) {
    if (maxKeys < 1 || maxKeys > MAX_KEYS) {
      throw DpException.user(
          "Cannot list objects: max keys must be 1 to %d (%d)".formatted(MAX_KEYS, maxKeys));
    }
    return maxKeys;
  }

  private static DpException notFound(String bucket, String key) {
    return new DpException(
        StorageErrorCode.OBJECT_NOT_FOUND,
        "Cannot read object: no such object (%s/%s)".formatted(bucket, key));
  }

  private static String contentType(String contentType) {
    return contentType == null ? DEFAULT_CONTENT_TYPE : contentType;
  }

  private static Instant instant(Instant instant) {
    return instant == null ? Instant.EPOCH : instant;
  }

  static String quoted(String etag) {
    if (etag == null || etag.isEmpty()) {
      return "";
    }
    return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
  }
}
