package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;

/**
 * Makes written files visible and removes versions. Every change to a key happens under that key's
 * lock: the conditions are checked against the current version, the new file is renamed into the
 * key's directory (the commit point) and the directory is fsynced, then replaced null versions are
 * removed. A crash before the rename leaves only a temporary file; a crash after it leaves at most
 * an extra older null version, which readers ignore and the next write of the key removes.
 */
final class ObjectCommits {
  private final StoreContext context;

  ObjectCommits(StoreContext context) {
    this.context = requireNonNull(context, "context");
  }

  /**
   * The outcome of a commit.
   *
   * @param reportedVersionId the version id to report, empty in a bucket that was never versioned
   */
  record Committed(Optional<String> reportedVersionId, ObjectMetadata metadata) {}

  Committed commit(
      String bucket, String key, ObjectFiles.WrittenFile file, String ifMatch, String ifNoneMatch) {
    BucketSettings settings = context.settings(bucket);
    Path directory = context.keyDirectory(bucket, key);
    ReentrantLock lock = context.lock(bucket, key);
    boolean placed = false;
    lock.lock();
    try {
      List<KeyDirectory.Version> versions = KeyDirectory.versions(directory);
      checkConditions(bucket, key, versions, ifMatch, ifNoneMatch);
      String versionId = place(directory, versions, file.path(), settings.versioningEnabled());
      placed = true;
      ObjectMetadata metadata = file.metadata();
      context.publish(
          new ObjectEvent(
              metadata.deleteMarker() ? ObjectEvent.Type.REMOVED : ObjectEvent.Type.CREATED,
              bucket,
              key,
              settings.versioning().map(status -> versionId),
              metadata.size(),
              metadata.deleteMarker() ? "" : metadata.quotedEtag(),
              metadata.lastModified()));
      return new Committed(settings.versioning().map(status -> versionId), metadata);
    } catch (NoSuchFileException e) {
      throw StorageErrors.noSuchBucket(bucket);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot commit object: the file system refused (%s/%s)".formatted(bucket, key), e);
    } finally {
      lock.unlock();
      if (!placed) {
        deleteQuietly(file.path());
      }
    }
  }

  /**
   * Renames the file into place and makes that durable; returns the new version's id. Called under
   * the key's lock. A key's first version also creates its directory, whose entry in the bucket's
   * objects directory is made durable by an fsync shared with concurrent writers of other keys.
   */
  private String place(
      Path directory, List<KeyDirectory.Version> versions, Path file, boolean versioned)
      throws IOException {
    boolean created = false;
    if (versions.isEmpty()) {
      try {
        Files.createDirectory(directory);
      } catch (FileAlreadyExistsException e) {
        // left empty by a removed last version or an interrupted write; synced again below
      }
      created = true;
    }
    String stamp =
        context.nextStamp(versions.stream().findFirst().map(KeyDirectory.Version::stamp));
    Path target = directory.resolve(KeyDirectory.fileName(stamp, !versioned));
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    if (!versioned) {
      // one directory fsync makes both the rename and the removal of the replaced null version
      // durable; a crash in between leaves an older null version, which reads ignore
      for (KeyDirectory.Version version : versions) {
        if (version.nullVersion()) {
          Files.deleteIfExists(version.path());
        }
      }
    }
    Durability.fsyncDirectory(directory);
    if (created) {
      // the new directory's entry; a crash before this leaves at most an empty key directory,
      // which reads and listings skip
      context.directories().sync(directory.getParent());
    }
    return versioned ? stamp : KeyDirectory.NULL_VERSION;
  }

  private static void checkConditions(
      String bucket,
      String key,
      List<KeyDirectory.Version> versions,
      String ifMatch,
      String ifNoneMatch)
      throws IOException {
    if (ifMatch == null && ifNoneMatch == null) {
      return;
    }
    Optional<ObjectMetadata> current = Optional.empty();
    if (!versions.isEmpty()) {
      ObjectMetadata metadata = ObjectFiles.read(versions.get(0).path()).metadata();
      current = metadata.deleteMarker() ? Optional.empty() : Optional.of(metadata);
    }
    String object = bucket + "/" + key;
    if (ifNoneMatch != null && current.isPresent()) {
      if (ifNoneMatch.equals("*") || Etags.matches(ifNoneMatch, current.get().etag())) {
        throw StorageErrors.preconditionFailed(
            "write object", "it exists and If-None-Match is " + ifNoneMatch, object);
      }
    }
    if (ifMatch != null) {
      if (current.isEmpty()) {
        throw StorageErrors.noSuchKey(bucket, key);
      }
      if (!ifMatch.equals("*") && !Etags.matches(ifMatch, current.get().etag())) {
        throw StorageErrors.preconditionFailed(
            "write object", "its ETag does not match If-Match " + ifMatch, object);
      }
    }
  }

  /** Deletes the current object: a delete marker in a versioned bucket, else the null version. */
  DeleteObjectResponse deleteCurrent(String bucket, String key) {
    BucketSettings settings = context.settings(bucket);
    if (settings.versioning().isPresent()) {
      ObjectFiles.WrittenFile marker;
      try {
        marker =
            ObjectFiles.writeMetadataOnly(
                context.temporaryDirectory(), ObjectMetadata.deleteMarker(key, Instant.now()));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot write delete marker: the file system refused (%s/%s)".formatted(bucket, key),
            e);
      }
      Committed committed = commit(bucket, key, marker, null, null);
      return DeleteObjectResponse.builder()
          .deleteMarker(true)
          .versionId(committed.reportedVersionId().orElse(null))
          .build();
    }
    Path directory = context.keyDirectory(bucket, key);
    ReentrantLock lock = context.lock(bucket, key);
    lock.lock();
    try {
      List<KeyDirectory.Version> versions = KeyDirectory.versions(directory);
      for (KeyDirectory.Version version : versions) {
        Files.deleteIfExists(version.path());
      }
      if (!versions.isEmpty()) {
        Durability.fsyncDirectory(directory);
        KeyDirectory.removeIfEmpty(directory, context.directories());
        context.publish(
            new ObjectEvent(
                ObjectEvent.Type.REMOVED, bucket, key, Optional.empty(), 0, "", Instant.now()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot delete object: the file system refused (%s/%s)".formatted(bucket, key), e);
    } finally {
      lock.unlock();
    }
    return DeleteObjectResponse.builder().build();
  }

  /** Permanently removes one version or delete marker; a missing version is not an error. */
  DeleteObjectResponse deleteVersion(String bucket, String key, String versionId) {
    if (!KeyDirectory.isVersionId(versionId)) {
      throw StorageErrors.invalidArgument(
          "Cannot delete object version: the version id is invalid (%s/%s version %s)"
              .formatted(bucket, key, versionId));
    }
    context.existingBucket(bucket);
    Path directory = context.keyDirectory(bucket, key);
    ReentrantLock lock = context.lock(bucket, key);
    lock.lock();
    try {
      Optional<KeyDirectory.Version> version = KeyDirectory.find(directory, versionId);
      if (version.isEmpty()) {
        return DeleteObjectResponse.builder().versionId(versionId).build();
      }
      boolean marker = ObjectFiles.read(version.get().path()).metadata().deleteMarker();
      Files.delete(version.get().path());
      Durability.fsyncDirectory(directory);
      KeyDirectory.removeIfEmpty(directory, context.directories());
      context.publish(
          new ObjectEvent(
              ObjectEvent.Type.REMOVED, bucket, key, Optional.of(versionId), 0, "", Instant.now()));
      return DeleteObjectResponse.builder()
          .versionId(versionId)
          .deleteMarker(marker ? Boolean.TRUE : null)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot delete object version: the file system refused (%s/%s version %s)"
              .formatted(bucket, key, versionId),
          e);
    } finally {
      lock.unlock();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left in the temporary area, which is emptied at the next open.
    }
  }
}
