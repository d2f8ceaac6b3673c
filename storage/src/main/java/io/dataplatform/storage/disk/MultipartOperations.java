package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyPartResult;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** The multipart part of the BlobStore contract, over {@link MultipartUploads}. */
final class MultipartOperations {
  private static final String ENCRYPTED = "AES256";
  private final MultipartUploads uploads;
  private final ObjectOperations objects;
  private final ObjectReads reads;

  MultipartOperations(MultipartUploads uploads, ObjectOperations objects, ObjectReads reads) {
    this.uploads = requireNonNull(uploads, "uploads");
    this.objects = requireNonNull(objects, "objects");
    this.reads = requireNonNull(reads, "reads");
  }

  MultipartUpload initiate(CreateMultipartUploadRequest request) {
    String bucket = request.bucket();
    KeyNames.validateKey(bucket, request.key());
    boolean encrypt =
        objects.encrypt(
            bucket, request.serverSideEncryptionAsString(), request.sseCustomerAlgorithm());
    ObjectMetadata template =
        new ObjectMetadata(
            request.key(),
            false,
            0,
            "",
            Instant.now(),
            ObjectOperations.contentHeaders(
                request.contentType(),
                request.contentEncoding(),
                request.contentDisposition(),
                request.contentLanguage(),
                request.cacheControl()),
            Optional.ofNullable(request.expires()),
            request.metadata(),
            encrypt ? Optional.of(ENCRYPTED) : Optional.empty(),
            request.acl() == ObjectCannedACL.PUBLIC_READ ? "public-read" : "private");
    String uploadId = uploads.initiate(bucket, template);
    var response =
        CreateMultipartUploadResponse.builder()
            .bucket(bucket)
            .key(request.key())
            .uploadId(uploadId)
            .serverSideEncryption(encrypt ? ServerSideEncryption.AES256 : null)
            .build();
    return new MultipartUpload(uploadId, request, response);
  }

  UploadPartResponse uploadPart(MultipartUpload upload, UploadPartRequest request, InputStream in) {
    long length = request.contentLength() == null ? -1 : request.contentLength();
    ObjectMetadata part =
        uploads.uploadPart(
            upload.containerName(),
            upload.blobName(),
            upload.id(),
            request.partNumber() == null ? 0 : request.partNumber(),
            in,
            length,
            request.contentMD5());
    return UploadPartResponse.builder()
        .eTag(part.quotedEtag())
        .serverSideEncryption(part.encrypted() ? ServerSideEncryption.AES256 : null)
        .build();
  }

  UploadPartCopyResponse copyPart(MultipartUpload upload, UploadPartCopyRequest request) {
    String source = request.sourceBucket() + "/" + request.sourceKey();
    ObjectReads.Resolved resolved =
        reads.resolve(request.sourceBucket(), request.sourceKey(), request.sourceVersionId());
    ObjectMetadata metadata = resolved.metadata();
    ObjectReads.checkConditions(
        source,
        metadata,
        request.copySourceIfMatch(),
        request.copySourceIfNoneMatch(),
        request.copySourceIfModifiedSince(),
        request.copySourceIfUnmodifiedSince());
    long[] range = ObjectReads.range(source, metadata.size(), request.copySourceRange());
    if (metadata.size() == 0) {
      range = new long[] {0, -1};
    }
    InputStream content = reads.open(source, resolved.file(), range[0], range[1]);
    ObjectMetadata part =
        uploads.uploadPart(
            upload.containerName(),
            upload.blobName(),
            upload.id(),
            request.partNumber() == null ? 0 : request.partNumber(),
            content,
            range[1] - range[0] + 1,
            null);
    return UploadPartCopyResponse.builder()
        .copyPartResult(
            CopyPartResult.builder()
                .eTag(part.quotedEtag())
                .lastModified(part.lastModified())
                .build())
        .copySourceVersionId(resolved.reportedVersionId().orElse(null))
        .build();
  }

  CompleteMultipartUploadResponse complete(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    String bucket = upload.containerName();
    String key = upload.blobName();
    String uploadId = upload.id();
    ObjectMetadata template = uploads.template(bucket, key, uploadId);
    List<ObjectFiles.StoredFile> parts =
        uploads.validate(
            bucket,
            key,
            uploadId,
            request.multipartUpload() == null ? null : request.multipartUpload().parts());
    long size = parts.stream().mapToLong(part -> part.metadata().size()).sum();
    String object = bucket + "/" + key;
    InputStream content =
        MultipartUploads.concatenate(
            parts, part -> reads.open(object, part, 0, part.metadata().size() - 1));
    ObjectCommits.Committed committed =
        objects.write(
            bucket,
            template,
            template.encrypted(),
            content,
            size,
            null,
            MultipartUploads.multipartEtag(parts),
            request.ifMatch(),
            request.ifNoneMatch());
    uploads.remove(uploads.directory(bucket, key, uploadId));
    return CompleteMultipartUploadResponse.builder()
        .bucket(bucket)
        .key(key)
        .eTag(committed.metadata().quotedEtag())
        .versionId(committed.reportedVersionId().orElse(null))
        .serverSideEncryption(template.encrypted() ? ServerSideEncryption.AES256 : null)
        .build();
  }

  void abort(MultipartUpload upload) {
    uploads.abort(upload.containerName(), upload.blobName(), upload.id());
  }

  List<software.amazon.awssdk.services.s3.model.Part> listParts(MultipartUpload upload) {
    return uploads.listParts(upload.containerName(), upload.blobName(), upload.id());
  }

  List<software.amazon.awssdk.services.s3.model.MultipartUpload> listUploads(String bucket) {
    return uploads.listUploads(bucket);
  }
}
