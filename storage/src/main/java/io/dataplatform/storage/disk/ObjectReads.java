package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.gaul.s3proxy.blobstore.SdkRequests;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Finds the version a read names and serves its metadata and (ranges of) its bytes. */
final class ObjectReads {
  private static final int ATTEMPTS = 5;
  private final StoreContext context;

  ObjectReads(StoreContext context) {
    this.context = requireNonNull(context, "context");
  }

  /** A resolved version: its file, metadata and the version id to report, if any. */
  record Resolved(ObjectFiles.StoredFile file, Optional<String> reportedVersionId) {
    ObjectMetadata metadata() {
      return file.metadata();
    }
  }

  /**
   * The version {@code versionId} names, or the current one when it is null. Throws NoSuchKey (with
   * the delete-marker headers when the current version is a marker), NoSuchVersion, or
   * MethodNotAllowed for a read of a delete marker by id.
   */
  Resolved resolve(String bucket, String key, String versionId) {
    BucketSettings settings = context.settings(bucket);
    Path directory = context.keyDirectory(bucket, key);
    for (int attempt = 1; ; attempt++) {
      try {
        return resolveOnce(bucket, key, versionId, settings, directory);
      } catch (NoSuchFileException e) {
        // A concurrent write replaced the version between listing and reading; look again.
        if (attempt == ATTEMPTS) {
          throw StorageErrors.noSuchKey(bucket, key);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read object: its file is unreadable (%s/%s)".formatted(bucket, key), e);
      }
    }
  }

  private static Resolved resolveOnce(
      String bucket, String key, String versionId, BucketSettings settings, Path directory)
      throws IOException {
    Optional<String> reported = settings.versioning().map(status -> "");
    if (versionId == null) {
      Optional<KeyDirectory.Version> latest = KeyDirectory.latest(directory);
      if (latest.isEmpty()) {
        throw StorageErrors.noSuchKey(bucket, key);
      }
      ObjectFiles.StoredFile file = ObjectFiles.read(latest.get().path());
      if (file.metadata().deleteMarker()) {
        throw StorageErrors.deleteMarker(bucket, key, latest.get().versionId());
      }
      return new Resolved(file, reported.map(unused -> latest.get().versionId()));
    }
    if (!KeyDirectory.isVersionId(versionId)) {
      throw StorageErrors.invalidArgument(
          "Cannot read object version: the version id is invalid (%s/%s version %s)"
              .formatted(bucket, key, versionId));
    }
    Optional<KeyDirectory.Version> version = KeyDirectory.find(directory, versionId);
    if (version.isEmpty()) {
      throw StorageErrors.noSuchVersion(bucket, key, versionId);
    }
    ObjectFiles.StoredFile file = ObjectFiles.read(version.get().path());
    if (file.metadata().deleteMarker()) {
      throw StorageErrors.error(
          405,
          "MethodNotAllowed",
          "Cannot read object version: it is a delete marker (%s/%s version %s)"
              .formatted(bucket, key, versionId),
          Map.of("x-amz-delete-marker", "true", "x-amz-version-id", versionId));
    }
    return new Resolved(file, Optional.of(versionId));
  }

  /** Evaluates If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since as S3 does. */
  static void checkConditions(
      String object,
      ObjectMetadata metadata,
      String ifMatch,
      String ifNoneMatch,
      Instant ifModifiedSince,
      Instant ifUnmodifiedSince) {
    Instant modified = metadata.lastModified().truncatedTo(ChronoUnit.SECONDS);
    if (ifMatch != null && !Etags.matches(ifMatch, metadata.etag())) {
      throw StorageErrors.preconditionFailed(
          "read object", "its ETag does not match If-Match " + ifMatch, object);
    }
    if (ifMatch == null && ifUnmodifiedSince != null && modified.isAfter(ifUnmodifiedSince)) {
      throw StorageErrors.preconditionFailed(
          "read object", "it was modified after " + ifUnmodifiedSince, object);
    }
    if (ifNoneMatch != null && Etags.matches(ifNoneMatch, metadata.etag())) {
      throw StorageErrors.notModified(metadata.quotedEtag());
    }
    if (ifNoneMatch == null && ifModifiedSince != null && !modified.isAfter(ifModifiedSince)) {
      throw StorageErrors.notModified(metadata.quotedEtag());
    }
  }

  /** The inclusive byte range a Range header selects, or InvalidRange when none is satisfiable. */
  static long[] range(String object, long size, String header) {
    if (header == null) {
      return new long[] {0, size - 1};
    }
    SdkRequests.ByteRange range = SdkRequests.parseRange(header);
    if (range == null) {
      return new long[] {0, size - 1};
    }
    long first;
    long last;
    if (range.first() == null) {
      first = Math.max(0, size - range.last());
      last = size - 1;
    } else {
      first = range.first();
      last = range.last() == null ? size - 1 : Math.min(range.last(), size - 1);
    }
    if (first >= size || first > last) {
      throw StorageErrors.error(
          416,
          "InvalidRange",
          "Cannot read object range: %s is outside the object's %d bytes (%s)"
              .formatted(header, size, object));
    }
    return new long[] {first, last};
  }

  /** Opens plaintext bytes {@code first..last}, unwrapping the data key first when encrypted. */
  InputStream open(String object, ObjectFiles.StoredFile file, long first, long last) {
    Optional<byte[]> dataKey =
        file.metadata()
            .wrappedKey()
            .map(wrapped -> ChunkedEncryption.unwrap(context.masterKey(), wrapped, object));
    try {
      return ObjectFiles.open(file, dataKey, first, last);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot open object: its file is unreadable (%s)".formatted(object), e);
    }
  }

  /** The response headers of a resolved version, for the bytes {@code first..last}. */
  static GetObjectResponse response(Resolved resolved, long first, long last, boolean ranged) {
    ObjectMetadata metadata = resolved.metadata();
    var builder =
        GetObjectResponse.builder()
            .eTag(metadata.quotedEtag())
            .lastModified(metadata.lastModified())
            .contentLength(Math.max(0, last - first + 1))
            .contentType(metadata.contentType())
            .contentEncoding(metadata.contentHeader(ObjectMetadata.CONTENT_ENCODING))
            .contentDisposition(metadata.contentHeader(ObjectMetadata.CONTENT_DISPOSITION))
            .contentLanguage(metadata.contentHeader(ObjectMetadata.CONTENT_LANGUAGE))
            .cacheControl(metadata.contentHeader(ObjectMetadata.CACHE_CONTROL))
            .expires(metadata.expires().orElse(null))
            .metadata(metadata.userMetadata())
            .acceptRanges("bytes")
            .versionId(resolved.reportedVersionId().orElse(null));
    if (metadata.encrypted()) {
      builder.serverSideEncryption(ServerSideEncryption.AES256);
    }
    if (ranged) {
      builder.contentRange("bytes %d-%d/%d".formatted(first, last, metadata.size()));
    }
    return builder.build();
  }
}
