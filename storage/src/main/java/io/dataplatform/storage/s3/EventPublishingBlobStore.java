package io.dataplatform.storage.s3;

import static java.util.Objects.requireNonNull;

import io.dataplatform.storage.ObjectEvent;
import io.dataplatform.storage.ObjectEventListener;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A store that reports every successful put, copy, completed multipart upload and delete to a
 * listener. Every delete path of the S3 API (single, versioned, conditional, multi-object) ends in
 * {@link #removeBlob(DeleteObjectRequest)}, and every write in one of the three write methods.
 * Bookkeeping objects the protocol layer keeps for multipart uploads are not reported.
 */
public final class EventPublishingBlobStore extends ForwardingBlobStore {
  /** Objects the S3 protocol layer writes for its own multipart bookkeeping. */
  static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";

  private static final Logger LOG = LoggerFactory.getLogger(EventPublishingBlobStore.class);

  private final ObjectEventListener listener;
  private final Clock clock;

  public EventPublishingBlobStore(BlobStore delegate, ObjectEventListener listener) {
    this(delegate, listener, Clock.systemUTC());
  }

  EventPublishingBlobStore(BlobStore delegate, ObjectEventListener listener, Clock clock) {
    super(requireNonNull(delegate, "delegate"));
    this.listener = requireNonNull(listener, "listener");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
    PutObjectResponse response = super.putBlob(request, input);
    created(request.bucket(), request.key(), response.versionId(), response.eTag());
    return response;
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    CopyObjectResponse response = super.copyBlob(request);
    String etag = response.copyObjectResult() == null ? null : response.copyObjectResult().eTag();
    created(request.destinationBucket(), request.destinationKey(), response.versionId(), etag);
    return response;
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
    created(upload.containerName(), upload.blobName(), response.versionId(), response.eTag());
    return response;
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    if (isBookkeeping(request.key())) {
      return super.removeBlob(request);
    }
    // S3 answers a delete of a missing key with success; only a removal that changed something
    // (an object or version was there, or a delete marker was written) is an event.
    HeadObjectResponse before = existing(request.bucket(), request.key(), request.versionId());
    DeleteObjectResponse response = super.removeBlob(request);
    boolean deleteMarker = Boolean.TRUE.equals(response.deleteMarker());
    if (before != null || deleteMarker) {
      String versionId = response.versionId() != null ? response.versionId() : request.versionId();
      publish(
          new ObjectEvent(
              ObjectEvent.Type.REMOVED,
              request.bucket(),
              request.key(),
              Optional.ofNullable(versionId),
              0,
              "",
              clock.instant()));
    }
    return response;
  }

  private void created(String bucket, String key, String versionId, String etag) {
    if (isBookkeeping(key)) {
      return;
    }
    HeadObjectResponse head = existing(bucket, key, versionId);
    long size = head == null || head.contentLength() == null ? 0 : head.contentLength();
    String knownEtag = etag != null ? etag : head == null ? null : head.eTag();
    publish(
        new ObjectEvent(
            ObjectEvent.Type.CREATED,
            bucket,
            key,
            Optional.ofNullable(versionId),
            size,
            quoted(knownEtag),
            clock.instant()));
  }

  private HeadObjectResponse existing(String bucket, String key, String versionId) {
    try {
      return delegate()
          .blobMetadataIfPresent(
              HeadObjectRequest.builder().bucket(bucket).key(key).versionId(versionId).build());
    } catch (RuntimeException e) {
      // e.g. a version id the store does not know: the event then lacks the size
      LOG.debug("Cannot read metadata of {}/{} for its event", bucket, key, e);
      return null;
    }
  }

  private void publish(ObjectEvent event) {
    try {
      listener.objectChanged(event);
    } catch (RuntimeException e) {
      LOG.warn(
          "Object event listener failed ({} {}/{})", event.type(), event.bucket(), event.key(), e);
    }
  }

  private static boolean isBookkeeping(String key) {
    return key != null && key.startsWith(MULTIPART_STUB_PREFIX);
  }

  private static String quoted(String etag) {
    if (etag == null || etag.isEmpty()) {
      return "";
    }
    return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
  }
}
