package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.DpException;
import io.dataplatform.storage.disk.DiskBlobStore;
import io.dataplatform.storage.disk.MasterKey;
import io.dataplatform.storage.disk.ObjectEvent;
import io.dataplatform.storage.disk.ObjectEventListener;
import io.dataplatform.storage.s3.ObjectStorageServer;
import io.dataplatform.storage.s3.awssdk.NativeConditionsBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object store as the platform uses it: the S3 API on its port, the root and user access keys,
 * object events, and the bucket and object operations of the web console and REST API. Nothing here
 * exposes the S3 protocol library's types.
 */
public final class StorageService implements AutoCloseable {
  /** Buckets every store has from its first start on. */
  public static final List<String> DEFAULT_BUCKETS = List.of("warehouse", "staging", "artifacts");

  private static final Logger LOG = LoggerFactory.getLogger(StorageService.class);

  private final StorageConfig config;
  private final AccessKeys accessKeys;
  private final ObjectEvents events;
  private final BlobStore store;
  private final BucketOperations buckets;
  private final ObjectOperations objects;
  private final UploadOperations uploads;
  private final ObjectStorageServer server;

  private StorageService(
      StorageConfig config,
      AccessKeys accessKeys,
      ObjectEvents events,
      BlobStore store,
      ObjectStorageServer server) {
    this.config = config;
    this.accessKeys = accessKeys;
    this.events = events;
    this.store = store;
    this.buckets = new BucketOperations(store);
    this.objects = new ObjectOperations(store);
    this.uploads = new UploadOperations(store, objects);
    this.server = server;
  }

  /**
   * Opens the store under {@code config.root()}, creates the default buckets when missing and
   * starts the S3 API.
   *
   * @param masterKey encrypts objects (SSE-S3) and, through a key derived from it, the secrets of
   *     access keys
   * @param configuredRoot the root pair the operator passed in, if any; otherwise the stored or a
   *     newly generated one is used (see {@link #rootCredentials()})
   */
  public static StorageService start(
      StorageConfig config, MasterKey masterKey, Optional<S3Credentials> configuredRoot) {
    requireNonNull(config, "config");
    requireNonNull(masterKey, "masterKey");
    requireNonNull(configuredRoot, "configuredRoot");
    Path root = config.root();
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the storage directory (%s)".formatted(root), e);
    }
    AccessKeys accessKeys =
        AccessKeys.open(root, derivedKey(masterKey, "dp access-key secrets v1"), configuredRoot);
    var events = new ObjectEvents();
    // the disk store checks If-Match / If-None-Match atomically with the write
    BlobStore store = new NativeConditionsBlobStore(new DiskBlobStore(root, masterKey, events));
    try {
      new BucketOperations(store).createMissing(DEFAULT_BUCKETS);
      ObjectStorageServer server =
          ObjectStorageServer.start(
              new ObjectStorageServer.Settings(
                  config.host(), config.port(), config.virtualHostBase()),
              store,
              accessKeys.root().credentials(),
              accessKeys,
              () -> isReadable(store));
      LOG.info("S3 API listening on {} (objects in {})", server.endpoint(), root);
      return new StorageService(config, accessKeys, events, store, server);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Ready while the store can list its buckets. */
  private static boolean isReadable(BlobStore store) {
    try {
      store.list();
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Object store is not ready: {}", e.getMessage());
      return false;
    }
  }

  /** A key for one purpose, so the master key itself encrypts nothing but object data keys. */
  static byte[] derivedKey(MasterKey masterKey, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(masterKey.bytes(), "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot derive a key: " + e.getMessage(), e);
    }
  }

  public StorageConfig config() {
    return config;
  }

  /** Where S3 clients connect, e.g. {@code http://127.0.0.1:9000}. */
  public URI endpoint() {
    return server.endpoint();
  }

  public int port() {
    return server.port();
  }

  /** The root pair; print it when its origin is {@link RootCredentials.Origin#GENERATED}. */
  public RootCredentials rootCredentials() {
    return accessKeys.root();
  }

  /** Creates a user access key; its secret is returned this once. */
  public S3Credentials createAccessKey(String description) {
    return accessKeys.create(description);
  }

  public List<AccessKey> listAccessKeys() {
    return accessKeys.list();
  }

  /** Revokes a user access key; requests signed with it are refused from now on. */
  public void revokeAccessKey(String accessKeyId) {
    accessKeys.revoke(accessKeyId);
  }

  public Subscription subscribe(ObjectEventListener listener) {
    return events.subscribe(listener);
  }

  /** The most recent object events (at most 1000 are kept), newest first. */
  public List<ObjectEvent> recentEvents(
      Optional<String> bucket, Optional<String> keyPrefix, int limit) {
    return events.recent(bucket, keyPrefix, limit);
  }

  public List<BucketSummary> listBuckets() {
    return buckets.list();
  }

  public boolean bucketExists(String bucket) {
    return buckets.exists(bucket);
  }

  public void createBucket(String bucket) {
    buckets.create(bucket);
  }

  /** Deletes an empty bucket. */
  public void deleteBucket(String bucket) {
    buckets.delete(bucket);
  }

  public VersioningState versioning(String bucket) {
    return buckets.versioning(bucket);
  }

  /** Enables or suspends versioning; a bucket cannot go back to {@code UNVERSIONED}. */
  public void setVersioning(String bucket, VersioningState state) {
    buckets.setVersioning(bucket, state);
  }

  public BucketEncryption encryption(String bucket) {
    return buckets.encryption(bucket);
  }

  public void setEncryption(String bucket, BucketEncryption encryption) {
    buckets.setEncryption(bucket, encryption);
  }

  /**
   * Lists objects under {@code prefix}; with a delimiter (usually "/"), keys below the next
   * delimiter roll up into common prefixes.
   *
   * @param pageToken the {@link ObjectListing#nextPageToken()} of the previous page, if any
   */
  public ObjectListing listObjects(
      String bucket,
      String prefix,
      Optional<String> delimiter,
      Optional<String> pageToken,
      int maxKeys) {
    return objects.list(bucket, prefix, delimiter, pageToken, maxKeys);
  }

  /** Versions and delete markers of keys under {@code prefix}, newest first per key. */
  public List<ObjectVersionSummary> listVersions(String bucket, String prefix, int maxKeys) {
    return objects.versions(bucket, prefix, maxKeys);
  }

  /** Stores an object of {@code length} bytes read from {@code body}. */
  public ObjectInfo putObject(
      String bucket, String key, InputStream body, long length, String contentType) {
    return objects.put(bucket, key, body, length, contentType);
  }

  /** Reads an object, or one version of it. */
  public ObjectContent getObject(String bucket, String key, Optional<String> versionId) {
    return objects.get(bucket, key, versionId);
  }

  public Optional<ObjectInfo> headObject(String bucket, String key, Optional<String> versionId) {
    return objects.head(bucket, key, versionId);
  }

  /**
   * Deletes an object; on a versioned bucket without a version id this writes a delete marker, with
   * one it removes that version for good.
   */
  public void deleteObject(String bucket, String key, Optional<String> versionId) {
    objects.delete(bucket, key, versionId);
  }

  /** Starts a multipart upload and returns its id. */
  public String startMultipartUpload(String bucket, String key, String contentType) {
    return uploads.start(bucket, key, contentType);
  }

  /** Stores one part of {@code length} bytes and returns its ETag. */
  public String uploadPart(
      String bucket, String key, String uploadId, int partNumber, InputStream body, long length) {
    return uploads.uploadPart(bucket, key, uploadId, partNumber, body, length);
  }

  /** Joins the listed parts, in order, into the object. */
  public ObjectInfo completeMultipartUpload(
      String bucket, String key, String uploadId, List<UploadedPart> parts) {
    return uploads.complete(bucket, key, uploadId, parts);
  }

  /** Drops an upload and its parts. */
  public void abortMultipartUpload(String bucket, String key, String uploadId) {
    uploads.abort(bucket, key, uploadId);
  }

  /** Stops the S3 API and closes the store. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      store.close();
    }
  }

  static DpException bucketNameError(String bucket, String reason) {
    return DpException.user("Cannot use bucket name: %s (%s)".formatted(reason, bucket));
  }
}
