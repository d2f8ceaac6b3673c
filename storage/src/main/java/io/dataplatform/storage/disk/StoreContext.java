package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of the disk store shares: the directory layout, the master key, the per-key
 * locks, the version stamp clock and the event listener.
 *
 * <pre>
 * root/buckets/NAME/bucket.properties
 * root/buckets/NAME/objects/ENCODED-KEY/STAMP.v | STAMP.null
 * root/buckets/NAME/uploads/UPLOAD-ID/upload.meta, part-NNNNN
 * root/tmp/   files being written; emptied at open
 * </pre>
 */
final class StoreContext {
  private static final Logger LOG = LoggerFactory.getLogger(StoreContext.class);
  private static final int LOCK_STRIPES = 512;

  private final Path buckets;
  private final Path temporary;
  private final MasterKey masterKey;
  private final ObjectEventListener listener;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
  private final AtomicLong lastStamp = new AtomicLong();
  private final DirectorySync directories = new DirectorySync();
  private final ConcurrentMap<String, CachedSettings> settingsCache = new ConcurrentHashMap<>();

  /**
   * A bucket's settings as read from a settings file that had these attributes. The file is only
   * ever replaced by a rename, so a file with the same identity, time and size holds the same text.
   */
  private record CachedSettings(
      Object fileKey, FileTime modified, long size, BucketSettings settings) {
    boolean matches(BasicFileAttributes attributes) {
      return fileKey.equals(attributes.fileKey())
          && modified.equals(attributes.lastModifiedTime())
          && size == attributes.size();
    }
  }

  StoreContext(Path root, MasterKey masterKey, ObjectEventListener listener) {
    requireNonNull(root, "root");
    this.masterKey = requireNonNull(masterKey, "masterKey");
    this.listener = requireNonNull(listener, "listener");
    this.buckets = root.resolve("buckets");
    this.temporary = root.resolve("tmp");
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** Creates the layout and removes whatever an interrupted write left in the temporary area. */
  void open() {
    try {
      Files.createDirectories(buckets);
      Durability.deleteTree(temporary);
      Files.createDirectories(temporary);
      Durability.fsyncDirectory(temporary.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot open object store: its directories are not usable (%s)"
              .formatted(temporary.getParent()),
          e);
    }
  }

  Path bucketsDirectory() {
    return buckets;
  }

  Path temporaryDirectory() {
    return temporary;
  }

  MasterKey masterKey() {
    return masterKey;
  }

  Path bucketDirectory(String bucket) {
    KeyNames.validateBucketName(bucket);
    return buckets.resolve(bucket);
  }

  /** The bucket's directory, or NoSuchBucket. */
  Path existingBucket(String bucket) {
    Path directory;
    try {
      directory = bucketDirectory(bucket);
    } catch (RuntimeException e) {
      throw StorageErrors.noSuchBucket(bucket);
    }
    if (!Files.isRegularFile(directory.resolve(BucketSettings.FILE_NAME))) {
      throw StorageErrors.noSuchBucket(bucket);
    }
    return directory;
  }

  /**
   * The bucket's settings, or NoSuchBucket. Costs one stat of the settings file while it is
   * unchanged: the parsed settings are kept and reused as long as the file is the same.
   */
  BucketSettings settings(String bucket) {
    Path directory;
    try {
      directory = bucketDirectory(bucket);
    } catch (RuntimeException e) {
      throw StorageErrors.noSuchBucket(bucket);
    }
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(
              directory.resolve(BucketSettings.FILE_NAME), BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw StorageErrors.noSuchBucket(bucket);
      }
      CachedSettings cached = settingsCache.get(bucket);
      if (cached != null && cached.matches(attributes)) {
        return cached.settings();
      }
      // read after the stat: the text is at least as new as the attributes it is filed under
      BucketSettings settings = BucketSettings.read(directory);
      if (attributes.fileKey() != null) {
        settingsCache.put(
            bucket,
            new CachedSettings(
                attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), settings));
      }
      return settings;
    } catch (NoSuchFileException e) {
      throw StorageErrors.noSuchBucket(bucket);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read bucket settings: the file is unreadable (%s)".formatted(bucket), e);
    }
  }

  /** Forgets what is kept about a bucket; called when it is created, changed or deleted. */
  void bucketChanged(String bucket) {
    settingsCache.remove(bucket);
    directories.forget(objectsDirectory(bucket));
  }

  /** Where the bucket's key directories live; does not check that the bucket exists. */
  Path objectsDirectory(String bucket) {
    return bucketDirectory(bucket).resolve("objects");
  }

  /** The key's directory; does not check that the bucket exists (callers read its settings). */
  Path keyDirectory(String bucket, String key) {
    KeyNames.validateKey(bucket, key);
    return objectsDirectory(bucket).resolve(KeyNames.encode(key));
  }

  /** Group commit of fsyncs of directories many writers change at once. */
  DirectorySync directories() {
    return directories;
  }

  ReentrantLock lock(String bucket, String key) {
    int hash = (bucket + '\u0000' + key).hashCode();
    return locks[Math.floorMod(hash, LOCK_STRIPES)];
  }

  /** A new stamp: microseconds since the epoch, strictly greater than any issued or given. */
  String nextStamp(Optional<String> atLeastAfter) {
    long floor = atLeastAfter.map(stamp -> HexFormat.fromHexDigitsToLong(stamp) + 1).orElse(0L);
    Instant now = Instant.now();
    long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    long stamp = lastStamp.updateAndGet(last -> Math.max(Math.max(micros, last + 1), floor));
    return HexFormat.of().toHexDigits(stamp);
  }

  void publish(ObjectEvent event) {
    try {
      listener.objectChanged(event);
    } catch (RuntimeException e) {
      LOG.warn("Cannot deliver object event: the listener failed ({})", event, e);
    }
  }
}
