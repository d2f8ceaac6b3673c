package io.dataplatform.storage.s3.awssdk;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Presents a store that evaluates conditional requests itself to the S3 protocol layer.
 *
 * <p>The protocol layer decides per store whether If-Match and If-None-Match on writes and
 * completed multipart uploads go to the store (which then checks them atomically with the write) or
 * are refused with 501 NotImplemented. It recognises such stores only by the package of the
 * innermost store class, looking through {@code ForwardingBlobStore} wrappers, and takes a class in
 * a package named {@code awssdk} for one that forwards to a real S3 service, which evaluates
 * conditions natively. This class forwards every call unchanged, and is deliberately not a {@code
 * ForwardingBlobStore}, so that its package is the one the protocol layer sees.
 *
 * <p>Only wrap stores that honour the conditions of {@code PutObjectRequest} and {@code
 * CompleteMultipartUploadRequest}.
 */
public final class NativeConditionsBlobStore implements BlobStore {
  private final BlobStore delegate;

  public NativeConditionsBlobStore(BlobStore delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  /** The wrapped store. */
  public BlobStore delegate() {
    return delegate;
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public ListBucketsResponse list() {
    return delegate.list();
  }

  @Override
  public ListBucketsResponse list(ListBucketsRequest request) {
    return delegate.list(request);
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    return delegate.list(request);
  }

  @Override
  public ListObjectsV2Response list(String bucket) {
    return delegate.list(bucket);
  }

  @Override
  public ListObjectsResponse listV1(ListObjectsRequest request) {
    return delegate.listV1(request);
  }

  @Override
  public HeadBucketResponse headBucket(HeadBucketRequest request) {
    return delegate.headBucket(request);
  }

  @Override
  public boolean containerExists(String bucket) {
    return delegate.containerExists(bucket);
  }

  @Override
  public CreateBucketResponse createContainer(CreateBucketRequest request) {
    return delegate.createContainer(request);
  }

  @Override
  public CreateBucketResponse createContainer(String bucket) {
    return delegate.createContainer(bucket);
  }

  @Override
  public BucketCannedACL getContainerAccess(String bucket) {
    return delegate.getContainerAccess(bucket);
  }

  @Override
  public GetBucketAclResponse getContainerAcl(GetBucketAclRequest request) {
    return delegate.getContainerAcl(request);
  }

  @Override
  public void setContainerAccess(String bucket, BucketCannedACL access) {
    delegate.setContainerAccess(bucket, access);
  }

  @Override
  public void clearContainer(ListObjectsV2Request request) {
    delegate.clearContainer(request);
  }

  @Override
  public void deleteContainer(String bucket) {
    delegate.deleteContainer(bucket);
  }

  @Override
  public void deleteBucket(String bucket) {
    delegate.deleteBucket(bucket);
  }

  @Override
  public boolean blobExists(String bucket, String key) {
    return delegate.blobExists(bucket, key);
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
    return delegate.putBlob(request, body);
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    return delegate.copyBlob(request);
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    return delegate.blobMetadata(request);
  }

  @Override
  public HeadObjectResponse blobMetadata(String bucket, String key) {
    return delegate.blobMetadata(bucket, key);
  }

  @Override
  public HeadObjectResponse blobMetadataIfPresent(HeadObjectRequest request) {
    return delegate.blobMetadataIfPresent(request);
  }

  @Override
  public HeadObjectResponse blobMetadataIfPresent(String bucket, String key) {
    return delegate.blobMetadataIfPresent(bucket, key);
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    return delegate.getBlob(request);
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(String bucket, String key) {
    return delegate.getBlob(bucket, key);
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    return delegate.removeBlob(request);
  }

  @Override
  public void removeBlob(String bucket, String key) {
    delegate.removeBlob(bucket, key);
  }

  @Override
  public DeleteObjectResponse removeBlob(String bucket, String key, String versionId) {
    return delegate.removeBlob(bucket, key, versionId);
  }

  @Override
  public boolean supportsVersioning() {
    return delegate.supportsVersioning();
  }

  @Override
  public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
    return delegate.getBucketVersioning(request);
  }

  @Override
  public BucketVersioningStatus getBucketVersioning(String bucket) {
    return delegate.getBucketVersioning(bucket);
  }

  @Override
  public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
    return delegate.putBucketVersioning(request);
  }

  @Override
  public void putBucketVersioning(String bucket, BucketVersioningStatus status) {
    delegate.putBucketVersioning(bucket, status);
  }

  @Override
  public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
    return delegate.listVersions(request);
  }

  @Override
  public boolean supportsBucketEncryption() {
    return delegate.supportsBucketEncryption();
  }

  @Override
  public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
    return delegate.getBucketEncryption(request);
  }

  @Override
  public ServerSideEncryptionConfiguration getBucketEncryption(String bucket) {
    return delegate.getBucketEncryption(bucket);
  }

  @Override
  public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
    return delegate.putBucketEncryption(request);
  }

  @Override
  public void putBucketEncryption(String bucket, ServerSideEncryptionConfiguration configuration) {
    delegate.putBucketEncryption(bucket, configuration);
  }

  @Override
  public DeleteBucketEncryptionResponse deleteBucketEncryption(
      DeleteBucketEncryptionRequest request) {
    return delegate.deleteBucketEncryption(request);
  }

  @Override
  public void deleteBucketEncryption(String bucket) {
    delegate.deleteBucketEncryption(bucket);
  }

  @Override
  public boolean supportsServerSideEncryption() {
    return delegate.supportsServerSideEncryption();
  }

  @Override
  public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
    return delegate.removeBlobs(request);
  }

  @Override
  public ObjectCannedACL getBlobAccess(String bucket, String key) {
    return delegate.getBlobAccess(bucket, key);
  }

  @Override
  public ObjectCannedACL getBlobAccess(String bucket, String key, String versionId) {
    return delegate.getBlobAccess(bucket, key, versionId);
  }

  @Override
  public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
    return delegate.getBlobAcl(request);
  }

  @Override
  public void setBlobAccess(String bucket, String key, ObjectCannedACL access) {
    delegate.setBlobAccess(bucket, key, access);
  }

  @Override
  public void setBlobAccess(String bucket, String key, ObjectCannedACL access, String versionId) {
    delegate.setBlobAccess(bucket, key, access, versionId);
  }

  @Override
  public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
    return delegate.initiateMultipartUpload(request);
  }

  @Override
  public void abortMultipartUpload(MultipartUpload upload) {
    delegate.abortMultipartUpload(upload);
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    return delegate.completeMultipartUpload(upload, request);
  }

  @Override
  public UploadPartResponse uploadMultipartPart(
      MultipartUpload upload, UploadPartRequest request, InputStream body) {
    return delegate.uploadMultipartPart(upload, request, body);
  }

  @Override
  public boolean supportsCopyMultipartPart() {
    return delegate.supportsCopyMultipartPart();
  }

  @Override
  public UploadPartCopyResponse copyMultipartPart(
      MultipartUpload upload, UploadPartCopyRequest request) {
    return delegate.copyMultipartPart(upload, request);
  }

  @Override
  public List<Part> listMultipartUpload(MultipartUpload upload) {
    return delegate.listMultipartUpload(upload);
  }

  @Override
  public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(
      String bucket) {
    return delegate.listMultipartUploads(bucket);
  }

  @Override
  public long getMinimumMultipartPartSize() {
    return delegate.getMinimumMultipartPartSize();
  }
}
