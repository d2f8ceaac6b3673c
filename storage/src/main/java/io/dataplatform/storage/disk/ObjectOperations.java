package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Single-object operations: put, copy, get, head and the object ACL. */
final class ObjectOperations {
  private final StoreContext context;
  private final ObjectCommits commits;
  private final ObjectReads reads;

  ObjectOperations(StoreContext context, ObjectCommits commits, ObjectReads reads) {
    this.context = requireNonNull(context, "context");
    this.commits = requireNonNull(commits, "commits");
    this.reads = requireNonNull(reads, "reads");
  }

  PutObjectResponse put(PutObjectRequest request, InputStream payload) {
    String bucket = request.bucket();
    String key = request.key();
    KeyNames.validateKey(bucket, key);
    boolean encrypt =
        encrypt(bucket, request.serverSideEncryptionAsString(), request.sseCustomerAlgorithm());
    Map<String, String> headers =
        contentHeaders(
            request.contentType(),
            request.contentEncoding(),
            request.contentDisposition(),
            request.contentLanguage(),
            request.cacheControl());
    String acl = request.acl() == ObjectCannedACL.PUBLIC_READ ? "public-read" : "private";
    ObjectMetadata template =
        new ObjectMetadata(
            key,
            false,
            0,
            "",
            Instant.now(),
            headers,
            Optional.ofNullable(request.expires()),
            request.metadata(),
            Optional.empty(),
            acl);
    long length = request.contentLength() == null ? -1 : request.contentLength();
    ObjectCommits.Committed committed =
        write(
            bucket,
            template,
            encrypt,
            payload,
            length,
            request.contentMD5(),
            null,
            request.ifMatch(),
            request.ifNoneMatch());
    return PutObjectResponse.builder()
        .eTag(committed.metadata().quotedEtag())
        .versionId(committed.reportedVersionId().orElse(null))
        .serverSideEncryption(encrypt ? ServerSideEncryption.AES256 : null)
        .build();
  }

  /**
   * Streams {@code payload} into a new version of {@code template.key()}. A non-null {@code etag}
   * replaces the MD5 of the content (multipart objects).
   */
  ObjectCommits.Committed write(
      String bucket,
      ObjectMetadata template,
      boolean encrypt,
      InputStream payload,
      long length,
      String md5Base64,
      String etag,
      String ifMatch,
      String ifNoneMatch) {
    context.existingBucket(bucket);
    Optional<byte[]> dataKey =
        encrypt ? Optional.of(ChunkedEncryption.newDataKey()) : Optional.empty();
    Optional<String> wrapped = dataKey.map(k -> ChunkedEncryption.wrap(context.masterKey(), k));
    ObjectFiles.WrittenFile file;
    try {
      file =
          ObjectFiles.write(
              context.temporaryDirectory(),
              payload,
              length,
              md5Base64,
              dataKey,
              (size, md5) ->
                  new ObjectMetadata(
                      template.key(),
                      false,
                      size,
                      etag == null ? md5 : etag,
                      Instant.now(),
                      template.contentHeaders(),
                      template.expires(),
                      template.userMetadata(),
                      wrapped,
                      template.acl()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot store object: writing its bytes failed (%s/%s)".formatted(bucket, template.key()),
          e);
    }
    return commits.commit(bucket, template.key(), file, ifMatch, ifNoneMatch);
  }

  /** Whether a write is encrypted: asked for with AES256, or the bucket encrypts by default. */
  boolean encrypt(String bucket, String requested, String customerAlgorithm) {
    if (customerAlgorithm != null) {
      throw StorageErrors.error(
          501,
          "NotImplemented",
          "Cannot store object: customer-provided keys (SSE-C) are not supported (%s)"
              .formatted(bucket));
    }
    if (requested == null) {
      return context.settings(bucket).defaultEncryption();
    }
    if (!requested.equals(ServerSideEncryption.AES256.toString())) {
      throw StorageErrors.invalidArgument(
          "Cannot store object: only AES256 server-side encryption is supported (%s)"
              .formatted(requested));
    }
    context.existingBucket(bucket);
    return true;
  }

  static Map<String, String> contentHeaders(
      String type, String encoding, String disposition, String language, String cacheControl) {
    Map<String, String> headers = new LinkedHashMap<>();
    putIfPresent(headers, ObjectMetadata.CONTENT_TYPE, type);
    putIfPresent(headers, ObjectMetadata.CONTENT_ENCODING, encoding);
    putIfPresent(headers, ObjectMetadata.CONTENT_DISPOSITION, disposition);
    putIfPresent(headers, ObjectMetadata.CONTENT_LANGUAGE, language);
    putIfPresent(headers, ObjectMetadata.CACHE_CONTROL, cacheControl);
    return headers;
  }

  private static void putIfPresent(Map<String, String> headers, String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
  }

  ResponseInputStream<GetObjectResponse> get(GetObjectRequest request) {
    String object = request.bucket() + "/" + request.key();
    ObjectReads.Resolved resolved =
        reads.resolve(request.bucket(), request.key(), request.versionId());
    ObjectMetadata metadata = resolved.metadata();
    ObjectReads.checkConditions(
        object,
        metadata,
        request.ifMatch(),
        request.ifNoneMatch(),
        request.ifModifiedSince(),
        request.ifUnmodifiedSince());
    long size = metadata.size();
    boolean ranged = request.range() != null && size > 0;
    if (request.range() != null && size == 0) {
      ObjectReads.range(object, size, request.range());
    }
    long[] range = ObjectReads.range(object, size, ranged ? request.range() : null);
    InputStream stream = reads.open(object, resolved.file(), range[0], range[1]);
    GetObjectResponse response = ObjectReads.response(resolved, range[0], range[1], ranged);
    return new ResponseInputStream<>(response, AbortableInputStream.create(stream));
  }

  HeadObjectResponse head(HeadObjectRequest request) {
    ObjectReads.Resolved resolved =
        reads.resolve(request.bucket(), request.key(), request.versionId());
    GetObjectResponse response =
        ObjectReads.response(resolved, 0, resolved.metadata().size() - 1, false);
    return HeadObjectResponse.builder()
        .eTag(response.eTag())
        .lastModified(response.lastModified())
        .contentLength(response.contentLength())
        .contentType(response.contentType())
        .contentEncoding(response.contentEncoding())
        .contentDisposition(response.contentDisposition())
        .contentLanguage(response.contentLanguage())
        .cacheControl(response.cacheControl())
        .expires(response.expires())
        .metadata(response.metadata())
        .acceptRanges("bytes")
        .versionId(response.versionId())
        .serverSideEncryption(response.serverSideEncryption())
        .build();
  }

  CopyObjectResponse copy(CopyObjectRequest request) {
    String source = request.sourceBucket() + "/" + request.sourceKey();
    ObjectReads.Resolved resolved =
        reads.resolve(request.sourceBucket(), request.sourceKey(), request.sourceVersionId());
    ObjectMetadata metadata = resolved.metadata();
    checkCopySource(source, request, metadata);
    boolean replace = request.metadataDirective() == MetadataDirective.REPLACE;
    ObjectMetadata template =
        new ObjectMetadata(
            request.destinationKey(),
            false,
            0,
            "",
            Instant.now(),
            replace
                ? contentHeaders(
                    request.contentType(),
                    request.contentEncoding(),
                    request.contentDisposition(),
                    request.contentLanguage(),
                    request.cacheControl())
                : metadata.contentHeaders(),
            replace ? Optional.ofNullable(request.expires()) : metadata.expires(),
            replace ? request.metadata() : metadata.userMetadata(),
            Optional.empty(),
            request.acl() == ObjectCannedACL.PUBLIC_READ ? "public-read" : "private");
    KeyNames.validateKey(request.destinationBucket(), request.destinationKey());
    boolean encrypt =
        encrypt(
            request.destinationBucket(),
            request.serverSideEncryptionAsString(),
            request.sseCustomerAlgorithm());
    InputStream content = reads.open(source, resolved.file(), 0, metadata.size() - 1);
    ObjectCommits.Committed committed =
        write(
            request.destinationBucket(),
            template,
            encrypt,
            content,
            metadata.size(),
            null,
            null,
            null,
            null);
    return CopyObjectResponse.builder()
        .copyObjectResult(
            CopyObjectResult.builder()
                .eTag(committed.metadata().quotedEtag())
                .lastModified(committed.metadata().lastModified())
                .build())
        .versionId(committed.reportedVersionId().orElse(null))
        .copySourceVersionId(resolved.reportedVersionId().orElse(null))
        .serverSideEncryption(encrypt ? ServerSideEncryption.AES256 : null)
        .build();
  }

  private static void checkCopySource(
      String source, CopyObjectRequest request, ObjectMetadata metadata) {
    try {
      ObjectReads.checkConditions(
          source,
          metadata,
          request.copySourceIfMatch(),
          request.copySourceIfNoneMatch(),
          request.copySourceIfModifiedSince(),
          request.copySourceIfUnmodifiedSince());
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 304) {
        throw StorageErrors.preconditionFailed(
            "copy object",
            "the source matches a copy-source If-None-Match or If-Modified-Since",
            source);
      }
      throw e;
    }
  }

  ObjectCannedACL acl(String bucket, String key, String versionId) {
    String acl = reads.resolve(bucket, key, versionId).metadata().acl();
    return ObjectCannedACL.fromValue(acl);
  }

  /** Rewrites the version's file with the new ACL in its metadata; the bytes are copied as-is. */
  void setAcl(String bucket, String key, ObjectCannedACL access, String versionId) {
    String acl = access == ObjectCannedACL.PUBLIC_READ ? "public-read" : "private";
    ReentrantLock lock = context.lock(bucket, key);
    lock.lock();
    try {
      ObjectReads.Resolved resolved = reads.resolve(bucket, key, versionId);
      ObjectFiles.StoredFile stored = resolved.file();
      Path temporary = Files.createTempFile(context.temporaryDirectory(), "acl-", ".tmp");
      try {
        try (FileChannel in = FileChannel.open(stored.path(), StandardOpenOption.READ);
            FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          long copied = 0;
          while (copied < stored.dataLength()) {
            copied += in.transferTo(copied, stored.dataLength() - copied, out);
          }
        }
        ObjectFiles.appendMetadata(temporary, stored.metadata().withAcl(acl));
        Durability.commit(temporary, stored.path());
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot set object ACL: the file system refused (%s/%s)".formatted(bucket, key), e);
    } finally {
      lock.unlock();
    }
  }
}
