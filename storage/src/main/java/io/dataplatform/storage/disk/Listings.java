package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectStorageClass;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists a bucket's current objects. Keys are read from the directory names (or, for hashed names,
 * from the newest version's metadata), sorted in UTF-8 byte order, and grouped by the delimiter.
 * The continuation token is the base64 of the last key or common prefix returned.
 */
final class Listings {
  static final int DEFAULT_MAX_KEYS = 1000;
  private final StoreContext context;

  Listings(StoreContext context) {
    this.context = requireNonNull(context, "context");
  }

  /** The keys of a bucket starting with {@code prefix}, sorted, each with its directory. */
  TreeMap<String, Path> keys(String bucket, String prefix) {
    Path objects = context.existingBucket(bucket).resolve("objects");
    TreeMap<String, Path> keys = new TreeMap<>(KeyNames.UTF8_ORDER);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(objects)) {
      for (Path entry : entries) {
        Optional<String> key = keyOf(entry);
        if (key.isPresent() && key.get().startsWith(prefix)) {
          keys.put(key.get(), entry);
        }
      }
    } catch (NoSuchFileException e) {
      throw StorageErrors.noSuchBucket(bucket);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list bucket: its directory is unreadable (%s)".formatted(bucket), e);
    }
    return keys;
  }

  private static Optional<String> keyOf(Path entry) throws IOException {
    String name = entry.getFileName().toString();
    if (!KeyNames.isHashed(name)) {
      return KeyNames.decode(name);
    }
    for (KeyDirectory.Version version : KeyDirectory.versions(entry)) {
      try {
        return Optional.of(ObjectFiles.read(version.path()).metadata().key());
      } catch (NoSuchFileException e) {
        // Replaced while listing; try the next version.
      }
    }
    return Optional.empty();
  }

  ListObjectsV2Response list(ListObjectsV2Request request) {
    String bucket = request.bucket();
    String prefix = request.prefix() == null ? "" : request.prefix();
    String delimiter =
        request.delimiter() == null || request.delimiter().isEmpty() ? null : request.delimiter();
    int maxKeys = request.maxKeys() == null ? DEFAULT_MAX_KEYS : Math.min(request.maxKeys(), 1000);
    if (maxKeys < 0) {
      throw StorageErrors.invalidArgument(
          "Cannot list bucket: max-keys must not be negative (%d)".formatted(maxKeys));
    }
    String after =
        request.continuationToken() != null
            ? decodeToken(request.continuationToken())
            : request.startAfter();
    List<S3Object> contents = new ArrayList<>();
    List<CommonPrefix> prefixes = new ArrayList<>();
    String last = null;
    boolean truncated = false;
    var keys = after == null ? keys(bucket, prefix) : keys(bucket, prefix).tailMap(after, false);
    for (var entry : keys.entrySet()) {
      String key = entry.getKey();
      String item = groupOf(key, prefix, delimiter);
      boolean isPrefix = !item.equals(key);
      if (isPrefix
          && (item.equals(last)
              || (after != null && KeyNames.UTF8_ORDER.compare(item, after) <= 0))) {
        continue;
      }
      Optional<S3Object> object = isPrefix ? Optional.empty() : current(key, entry.getValue());
      if (!isPrefix && object.isEmpty()) {
        continue;
      }
      if (contents.size() + prefixes.size() == maxKeys) {
        truncated = maxKeys > 0;
        break;
      }
      if (isPrefix) {
        prefixes.add(CommonPrefix.builder().prefix(item).build());
      } else {
        contents.add(object.get());
      }
      last = item;
    }
    return ListObjectsV2Response.builder()
        .name(bucket)
        .prefix(request.prefix())
        .delimiter(request.delimiter())
        .maxKeys(maxKeys)
        .startAfter(request.startAfter())
        .continuationToken(request.continuationToken())
        .contents(contents)
        .commonPrefixes(prefixes)
        .keyCount(contents.size() + prefixes.size())
        .isTruncated(truncated)
        .nextContinuationToken(truncated ? encodeToken(last) : null)
        .build();
  }

  /** The common prefix a key rolls up into, or the key itself. */
  static String groupOf(String key, String prefix, String delimiter) {
    if (delimiter == null) {
      return key;
    }
    int index = key.indexOf(delimiter, prefix.length());
    return index < 0 ? key : key.substring(0, index + delimiter.length());
  }

  private static Optional<S3Object> current(String key, Path directory) {
    try {
      for (KeyDirectory.Version version : KeyDirectory.versions(directory)) {
        try {
          ObjectMetadata metadata = ObjectFiles.read(version.path()).metadata();
          if (metadata.deleteMarker()) {
            return Optional.empty();
          }
          return Optional.of(
              S3Object.builder()
                  .key(key)
                  .eTag(metadata.quotedEtag())
                  .size(metadata.size())
                  .lastModified(metadata.lastModified())
                  .storageClass(ObjectStorageClass.STANDARD)
                  .build());
        } catch (NoSuchFileException e) {
          // Replaced while listing; the next newest version is read instead.
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list object: its file is unreadable (%s)".formatted(key), e);
    }
  }

  static String encodeToken(String value) {
    return Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw StorageErrors.invalidArgument(
          "Cannot list bucket: the continuation token is not one this store issued (%s)"
              .formatted(token));
    }
  }
}
