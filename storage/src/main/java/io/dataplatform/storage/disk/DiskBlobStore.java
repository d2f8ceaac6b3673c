package io.dataplatform.storage.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The embedded object store: buckets and objects on local disk under one root directory, with
 * per-bucket versioning, SSE-S3 encryption at rest under a master key, multipart uploads, and an
 * event for every committed change. Every write goes to a temporary file in {@code root/tmp}, is
 * fsynced, then renamed into place; anything left in {@code root/tmp} is removed at open.
 *
 * <p>Buckets and their configuration are handled here; {@link BucketConfigurations} serves
 * versioning and encryption configuration, and the object, listing and multipart work is done by
 * the package's other classes.
 */
public class DiskBlobStore extends BucketConfigurations implements BlobStore {
  private static final Owner OWNER = Owner.builder().id("dp").displayName("dp").build();

  private final StoreContext context;
  private final ObjectCommits commits;
  private final ObjectOperations objects;
  private final Listings listings;
  private final VersionListings versionListings;
  private final MultipartOperations multipart;

  /**
   * Opens (creating if needed) the store under {@code root}.
   *
   * @param root the store's directory, e.g. {@code <data>/storage}
   * @param masterKey wraps the data key of every encrypted object
   * @param listener told of every committed object change
   */
  public DiskBlobStore(Path root, MasterKey masterKey, ObjectEventListener listener) {
    this(new StoreContext(root, masterKey, listener));
  }

  private DiskBlobStore(StoreContext context) {
    super(context);
    this.context = context;
    context.open();
    this.commits = new ObjectCommits(context);
    ObjectReads reads = new ObjectReads(context);
    this.objects = new ObjectOperations(context, commits, reads);
    this.listings = new Listings(context);
    this.versionListings = new VersionListings(context, listings);
    this.multipart = new MultipartOperations(new MultipartUploads(context), objects, reads);
  }

  @Override
  public ListBucketsResponse list() {
    List<Bucket> buckets = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(context.bucketsDirectory())) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry.resolve(BucketSettings.FILE_NAME))) {
          buckets.add(
              Bucket.builder()
                  .name(entry.getFileName().toString())
                  .creationDate(BucketSettings.read(entry).created())
                  .build());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list buckets: the directory is unreadable", e);
    }
    buckets.sort(Comparator.comparing(Bucket::name));
    return ListBucketsResponse.builder().buckets(buckets).owner(OWNER).build();
  }

  @Override
  public HeadBucketResponse headBucket(HeadBucketRequest request) {
    context.existingBucket(request.bucket());
    return HeadBucketResponse.builder().build();
  }

  @Override
  public CreateBucketResponse createContainer(CreateBucketRequest request) {
    String bucket = request.bucket();
    Path directory = context.bucketDirectory(bucket);
    if (Files.exists(directory)) {
      throw bucketExists(bucket);
    }
    String acl = request.acl() == BucketCannedACL.PUBLIC_READ ? "public-read" : "private";
    try {
      Path staging = Files.createTempDirectory(context.temporaryDirectory(), "bucket-");
      Files.createDirectory(staging.resolve("objects"));
      Files.createDirectory(staging.resolve("uploads"));
      BucketSettings.createdNow(acl).write(staging, context.temporaryDirectory());
      Durability.fsyncDirectory(staging);
      Durability.commit(staging, directory);
      context.bucketChanged(bucket);
    } catch (java.nio.file.FileAlreadyExistsException
        | java.nio.file.DirectoryNotEmptyException e) {
      throw bucketExists(bucket);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create bucket: the file system refused (%s)".formatted(bucket), e);
    }
    return CreateBucketResponse.builder().location("/" + bucket).build();
  }

  private static RuntimeException bucketExists(String bucket) {
    return StorageErrors.error(
        409,
        "BucketAlreadyOwnedByYou",
        "Cannot create bucket: it already exists (%s)".formatted(bucket));
  }

  /** Deletes an empty bucket; a bucket holding any object, version or marker is BucketNotEmpty. */
  @Override
  public void deleteBucket(String bucket) {
    Path directory = context.existingBucket(bucket);
    if (!listings.keys(bucket, "").isEmpty()) {
      throw StorageErrors.error(
          409,
          "BucketNotEmpty",
          "Cannot delete bucket: it still holds objects or object versions (%s)".formatted(bucket));
    }
    try {
      Path trash = context.temporaryDirectory().resolve("deleted-bucket-" + bucket);
      Durability.deleteTree(trash);
      Durability.commit(directory, trash);
      context.bucketChanged(bucket);
      Durability.deleteTree(trash);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot delete bucket: the file system refused (%s)".formatted(bucket), e);
    }
  }

  @Override
  public BucketCannedACL getContainerAccess(String bucket) {
    return BucketCannedACL.fromValue(context.settings(bucket).acl());
  }

  @Override
  public void setContainerAccess(String bucket, BucketCannedACL access) {
    String acl = access == BucketCannedACL.PUBLIC_READ ? "public-read" : "private";
    updateSettings(bucket, settings -> settings.withAcl(acl));
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    return listings.list(request);
  }

  @Override
  public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
    return versionListings.list(request);
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
    return objects.put(request, payload);
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    return objects.copy(request);
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    return objects.head(request);
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    return objects.get(request);
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    if (request.ifMatch() != null
        || request.ifMatchSize() != null
        || request.ifMatchLastModifiedTime() != null) {
      throw StorageErrors.error(
          501,
          "NotImplemented",
          "Cannot delete object: conditional deletes are not supported (%s/%s)"
              .formatted(request.bucket(), request.key()));
    }
    if (request.versionId() != null) {
      return commits.deleteVersion(request.bucket(), request.key(), request.versionId());
    }
    return commits.deleteCurrent(request.bucket(), request.key());
  }

  @Override
  public ObjectCannedACL getBlobAccess(String bucket, String key) {
    return objects.acl(bucket, key, null);
  }

  @Override
  public ObjectCannedACL getBlobAccess(String bucket, String key, String versionId) {
    return objects.acl(bucket, key, versionId);
  }

  @Override
  public void setBlobAccess(String bucket, String key, ObjectCannedACL access) {
    objects.setAcl(bucket, key, access, null);
  }

  @Override
  public void setBlobAccess(String bucket, String key, ObjectCannedACL access, String versionId) {
    objects.setAcl(bucket, key, access, versionId);
  }

  @Override
  public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
    return multipart.initiate(request);
  }

  @Override
  public void abortMultipartUpload(MultipartUpload upload) {
    multipart.abort(upload);
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    return multipart.complete(upload, request);
  }

  @Override
  public UploadPartResponse uploadMultipartPart(
      MultipartUpload upload, UploadPartRequest request, InputStream payload) {
    return multipart.uploadPart(upload, request, payload);
  }

  @Override
  public boolean supportsCopyMultipartPart() {
    return true;
  }

  @Override
  public UploadPartCopyResponse copyMultipartPart(
      MultipartUpload upload, UploadPartCopyRequest request) {
    return multipart.copyPart(upload, request);
  }

  @Override
  public List<Part> listMultipartUpload(MultipartUpload upload) {
    return multipart.listParts(upload);
  }

  @Override
  public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(
      String bucket) {
    return multipart.listUploads(bucket);
  }

  @Override
  public long getMinimumMultipartPartSize() {
    return MultipartUploads.MINIMUM_PART_SIZE;
  }
}
