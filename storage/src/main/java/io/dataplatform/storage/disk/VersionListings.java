package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.ObjectVersionStorageClass;

/**
 * Lists every version and delete marker of a bucket, keys in UTF-8 order and each key's versions
 * newest first, with S3's key-marker / version-id-marker pagination.
 */
final class VersionListings {
  private final StoreContext context;
  private final Listings listings;

  VersionListings(StoreContext context, Listings listings) {
    this.context = requireNonNull(context, "context");
    this.listings = requireNonNull(listings, "listings");
  }

  private static final class Page {
    final List<ObjectVersion> versions = new ArrayList<>();
    final List<DeleteMarkerEntry> markers = new ArrayList<>();
    final List<CommonPrefix> prefixes = new ArrayList<>();
    final int maxKeys;
    String lastKey;
    String lastVersionId;
    boolean truncated;

    Page(int maxKeys) {
      this.maxKeys = maxKeys;
    }

    /** Whether the page has room; marks it truncated when it has not. */
    boolean room() {
      if (versions.size() + markers.size() + prefixes.size() >= maxKeys) {
        truncated = true;
        return false;
      }
      return true;
    }
  }

  ListObjectVersionsResponse list(ListObjectVersionsRequest request) {
    String bucket = request.bucket();
    context.existingBucket(bucket);
    String prefix = request.prefix() == null ? "" : request.prefix();
    String delimiter =
        request.delimiter() == null || request.delimiter().isEmpty() ? null : request.delimiter();
    int maxKeys =
        request.maxKeys() == null ? Listings.DEFAULT_MAX_KEYS : Math.min(request.maxKeys(), 1000);
    String keyMarker = request.keyMarker();
    String versionMarker = keyMarker == null ? null : request.versionIdMarker();
    Page page = new Page(maxKeys);
    var keys = listings.keys(bucket, prefix);
    var selected = keyMarker == null ? keys : keys.tailMap(keyMarker, versionMarker != null);
    for (var entry : selected.entrySet()) {
      String key = entry.getKey();
      String group = Listings.groupOf(key, prefix, delimiter);
      if (!group.equals(key)) {
        if (group.equals(page.lastKey)
            || (keyMarker != null && KeyNames.UTF8_ORDER.compare(group, keyMarker) <= 0)) {
          continue;
        }
        if (!page.room()) {
          break;
        }
        page.prefixes.add(CommonPrefix.builder().prefix(group).build());
        page.lastKey = group;
        page.lastVersionId = null;
        continue;
      }
      String skipThrough = key.equals(keyMarker) ? versionMarker : null;
      if (!addVersions(page, key, entry.getValue(), skipThrough)) {
        break;
      }
    }
    return ListObjectVersionsResponse.builder()
        .name(bucket)
        .prefix(request.prefix())
        .delimiter(request.delimiter())
        .keyMarker(keyMarker)
        .versionIdMarker(request.versionIdMarker())
        .maxKeys(maxKeys)
        .versions(page.versions)
        .deleteMarkers(page.markers)
        .commonPrefixes(page.prefixes)
        .isTruncated(page.truncated)
        .nextKeyMarker(page.truncated ? page.lastKey : null)
        .nextVersionIdMarker(page.truncated ? page.lastVersionId : null)
        .build();
  }

  /** Adds a key's versions after {@code skipThrough}; returns false once the page is full. */
  private static boolean addVersions(Page page, String key, Path directory, String skipThrough) {
    List<KeyDirectory.Version> versions;
    try {
      versions = KeyDirectory.versions(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list object versions: the directory is unreadable (%s)".formatted(key), e);
    }
    boolean skipping = skipThrough != null;
    for (int i = 0; i < versions.size(); i++) {
      KeyDirectory.Version version = versions.get(i);
      if (skipping) {
        skipping = !version.versionId().equals(skipThrough);
        continue;
      }
      ObjectMetadata metadata;
      try {
        metadata = ObjectFiles.read(version.path()).metadata();
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot list object versions: a version is unreadable (%s)".formatted(version.path()),
            e);
      }
      if (!page.room()) {
        return false;
      }
      boolean latest = i == 0;
      if (metadata.deleteMarker()) {
        page.markers.add(
            DeleteMarkerEntry.builder()
                .key(key)
                .versionId(version.versionId())
                .isLatest(latest)
                .lastModified(metadata.lastModified())
                .build());
      } else {
        page.versions.add(
            ObjectVersion.builder()
                .key(key)
                .versionId(version.versionId())
                .isLatest(latest)
                .lastModified(metadata.lastModified())
                .eTag(metadata.quotedEtag())
                .size(metadata.size())
                .storageClass(ObjectVersionStorageClass.STANDARD)
                .build());
      }
      page.lastKey = key;
      page.lastVersionId = version.versionId();
    }
    return true;
  }
}
