package io.dataplatform.lakehouse.io;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in any bucket the warehouse's S3 credentials can read, which user SQL names by {@code
 * s3://} locations: found by HEAD or, for a glob, by listing the longest literal key prefix, and
 * read by ETag, so content that changed after it was found is never read.
 */
final class ExternalObjects {
  private final S3Client client;

  ExternalObjects(S3Client client) {
    this.client = requireNonNull(client, "client");
  }

  /**
   * The objects a location names: the object itself, or every object whose key the glob matches,
   * sorted by key.
   *
   * @throws DpException when there is no such object or nothing matches
   */
  List<ObjectVersion> find(String location) {
    S3Pattern pattern = S3Pattern.parse(location);
    try {
      if (!pattern.hasWildcards()) {
        HeadObjectResponse head =
            client.headObject(request -> request.bucket(pattern.bucket()).key(pattern.key()));
        return List.of(
            new ObjectVersion(location, etag(head.eTag(), location), head.contentLength()));
      }
      return list(pattern);
    } catch (S3Exception e) {
      throw failure(location, e);
    } catch (SdkClientException e) {
      throw unreachable(location, e);
    }
  }

  private List<ObjectVersion> list(S3Pattern pattern) {
    Pattern regex = pattern.regex();
    List<ObjectVersion> found = new ArrayList<>();
    Iterable<S3Object> objects =
        client
            .listObjectsV2Paginator(
                request -> request.bucket(pattern.bucket()).prefix(pattern.listPrefix()))
            .contents();
    for (S3Object object : objects) {
      // keys ending in a slash are folder markers, not files
      if (!object.key().endsWith("/") && regex.matcher(object.key()).matches()) {
        String location = pattern.locationOf(object.key());
        found.add(new ObjectVersion(location, etag(object.eTag(), location), object.size()));
      }
    }
    if (found.isEmpty()) {
      throw new DpException(
          StandardErrorCode.NOT_FOUND,
          "Cannot read "
              + pattern.location()
              + ": No files found that match the pattern \""
              + pattern.location()
              + "\"");
    }
    return found;
  }

  /** The bytes of one object version; fails when the object no longer has that version. */
  ReadThroughCache.Source source(ObjectVersion object) {
    S3Pattern location = S3Pattern.parse(object.location());
    return new ReadThroughCache.Source() {
      @Override
      public long length() {
        return object.sizeBytes();
      }

      @Override
      public InputStream open() {
        try {
          return client.getObject(
              request ->
                  request.bucket(location.bucket()).key(location.key()).ifMatch(object.etag()));
        } catch (S3Exception e) {
          throw failure(object.location(), e);
        } catch (SdkClientException e) {
          throw unreachable(object.location(), e);
        }
      }
    };
  }

  private static String etag(String etag, String location) {
    if (etag == null || etag.isEmpty()) {
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot read " + location + ": the S3 store reported no ETag for the object");
    }
    return etag;
  }

  /** An S3 error response as a user-facing error. */
  static DpException failure(String location, S3Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return switch (e.statusCode()) {
      case 404 ->
          "NoSuchBucket".equals(code)
              ? new DpException(
                  StandardErrorCode.NOT_FOUND,
                  "Cannot read " + location + ": no such bucket (" + bucketOf(location) + ")",
                  e)
              : new DpException(
                  StandardErrorCode.NOT_FOUND, "Cannot read " + location + ": no such object", e);
      case 403 ->
          new DpException(
              StandardErrorCode.PERMISSION_DENIED,
              "Cannot read "
                  + location
                  + ": access denied; the lakehouse's S3 credentials cannot read bucket "
                  + bucketOf(location),
              e);
      case 412 ->
          new DpException(
              StandardErrorCode.CONFLICT,
              "Cannot read " + location + ": the object changed while it was read; run again",
              e);
      default ->
          new DpException(
              StandardErrorCode.EXTERNAL_FAILURE,
              "Cannot read "
                  + location
                  + ": the S3 store answered "
                  + e.statusCode()
                  + (code == null ? "" : " " + code),
              e);
    };
  }

  private static DpException unreachable(String location, SdkClientException e) {
    return new DpException(
        StandardErrorCode.EXTERNAL_FAILURE,
        "Cannot read " + location + ": cannot reach the S3 store: " + e.getMessage(),
        e);
  }

  private static String bucketOf(String location) {
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}
