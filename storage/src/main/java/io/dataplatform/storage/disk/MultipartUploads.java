package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Multipart uploads on disk: {@code uploads/<id>/upload.meta} holds the object's metadata as given
 * at initiation, each part is a stored file {@code part-NNNNN} written like an object (temporary
 * file, fsync, rename). Completion streams the parts, in order, into one new object.
 */
final class MultipartUploads {
  static final long MINIMUM_PART_SIZE = 5L * 1024 * 1024;
  static final int MAX_PART_NUMBER = 10_000;
  private static final String META = "upload.meta";
  private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern PART_FILE = Pattern.compile("part-(\\d{5})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StoreContext context;

  MultipartUploads(StoreContext context) {
    this.context = requireNonNull(context, "context");
  }

  /** Records a new upload whose object will carry {@code template}'s metadata. */
  String initiate(String bucket, ObjectMetadata template) {
    Path uploads = context.existingBucket(bucket).resolve("uploads");
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    String uploadId = HexFormat.of().formatHex(id);
    try {
      Path staging = Files.createTempDirectory(context.temporaryDirectory(), "upload-");
      ObjectFiles.WrittenFile meta =
          ObjectFiles.writeMetadataOnly(context.temporaryDirectory(), template);
      Files.move(meta.path(), staging.resolve(META));
      Durability.fsyncDirectory(staging);
      Durability.commit(staging, uploads.resolve(uploadId));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start multipart upload: the file system refused (%s/%s)"
              .formatted(bucket, template.key()),
          e);
    }
    return uploadId;
  }

  Path directory(String bucket, String key, String uploadId) {
    Path directory = context.existingBucket(bucket).resolve("uploads").resolve(uploadId);
    if (uploadId == null
        || !UPLOAD_ID.matcher(uploadId).matches()
        || !Files.isDirectory(directory)) {
      throw StorageErrors.noSuchUpload(bucket, key, uploadId);
    }
    return directory;
  }

  ObjectMetadata template(String bucket, String key, String uploadId) {
    Path directory = directory(bucket, key, uploadId);
    try {
      ObjectMetadata template = ObjectFiles.read(directory.resolve(META)).metadata();
      if (!template.key().equals(key)) {
        throw StorageErrors.noSuchUpload(bucket, key, uploadId);
      }
      return template;
    } catch (NoSuchFileException e) {
      throw StorageErrors.noSuchUpload(bucket, key, uploadId);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read multipart upload: its metadata is unreadable (%s)".formatted(uploadId), e);
    }
  }

  /**
   * Stores one part; returns its unquoted ETag. The part replaces an earlier one of that number.
   */
  ObjectMetadata uploadPart(
      String bucket,
      String key,
      String uploadId,
      int partNumber,
      InputStream payload,
      long length,
      String md5Base64) {
    if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw StorageErrors.invalidArgument(
          "Cannot upload part: the part number must be between 1 and %d (%d)"
              .formatted(MAX_PART_NUMBER, partNumber));
    }
    ObjectMetadata template = template(bucket, key, uploadId);
    Optional<byte[]> dataKey =
        template.encrypted() ? Optional.of(ChunkedEncryption.newDataKey()) : Optional.empty();
    Optional<String> wrapped = dataKey.map(k -> ChunkedEncryption.wrap(context.masterKey(), k));
    try {
      ObjectFiles.WrittenFile part =
          ObjectFiles.write(
              context.temporaryDirectory(),
              payload,
              length,
              md5Base64,
              dataKey,
              (size, md5) ->
                  new ObjectMetadata(
                      key,
                      false,
                      size,
                      md5,
                      Instant.now(),
                      Map.of(),
                      Optional.empty(),
                      Map.of(),
                      wrapped,
                      "private"));
      Path directory = directory(bucket, key, uploadId);
      Durability.commit(part.path(), directory.resolve("part-%05d".formatted(partNumber)));
      return part.metadata();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot store part: the file system refused (%s/%s upload %s part %d)"
              .formatted(bucket, key, uploadId, partNumber),
          e);
    }
  }

  /** The stored parts by part number. */
  TreeMap<Integer, ObjectFiles.StoredFile> parts(String bucket, String key, String uploadId) {
    Path directory = directory(bucket, key, uploadId);
    TreeMap<Integer, ObjectFiles.StoredFile> parts = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "part-*")) {
      for (Path entry : entries) {
        var matcher = PART_FILE.matcher(entry.getFileName().toString());
        if (matcher.matches()) {
          parts.put(Integer.parseInt(matcher.group(1)), ObjectFiles.read(entry));
        }
      }
    } catch (NoSuchFileException e) {
      throw StorageErrors.noSuchUpload(bucket, key, uploadId);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list parts: the upload directory is unreadable (%s)".formatted(uploadId), e);
    }
    return parts;
  }

  List<Part> listParts(String bucket, String key, String uploadId) {
    List<Part> parts = new ArrayList<>();
    parts(bucket, key, uploadId)
        .forEach(
            (number, file) ->
                parts.add(
                    Part.builder()
                        .partNumber(number)
                        .size(file.metadata().size())
                        .eTag(file.metadata().quotedEtag())
                        .lastModified(file.metadata().lastModified())
                        .build()));
    return parts;
  }

  List<MultipartUpload> listUploads(String bucket) {
    Path uploads = context.existingBucket(bucket).resolve("uploads");
    List<MultipartUpload> result = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(uploads)) {
      for (Path entry : entries) {
        try {
          ObjectFiles.StoredFile meta = ObjectFiles.read(entry.resolve(META));
          result.add(
              MultipartUpload.builder()
                  .key(meta.metadata().key())
                  .uploadId(entry.getFileName().toString())
                  .initiated(meta.metadata().lastModified())
                  .build());
        } catch (NoSuchFileException e) {
          // Completed or aborted while listing.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list multipart uploads: the directory is unreadable (%s)".formatted(bucket), e);
    }
    result.sort(
        Comparator.comparing(MultipartUpload::key, KeyNames.UTF8_ORDER)
            .thenComparing(MultipartUpload::initiated));
    return result;
  }

  void abort(String bucket, String key, String uploadId) {
    Path directory = directory(bucket, key, uploadId);
    remove(directory);
  }

  /** Moves the upload out of sight, then deletes it; a crash in between leaves only tmp files. */
  void remove(Path directory) {
    try {
      Path trash = context.temporaryDirectory().resolve("removed-" + directory.getFileName());
      Durability.commit(directory, trash);
      Durability.deleteTree(trash);
    } catch (NoSuchFileException e) {
      // Already removed by a concurrent completion or abort.
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot remove multipart upload: the file system refused (%s)".formatted(directory), e);
    }
  }

  /**
   * Checks the part list of a completion against the stored parts as S3 does and returns the chosen
   * part files in order.
   */
  List<ObjectFiles.StoredFile> validate(
      String bucket, String key, String uploadId, List<CompletedPart> requested) {
    String upload = "%s/%s upload %s".formatted(bucket, key, uploadId);
    if (requested == null || requested.isEmpty()) {
      throw StorageErrors.error(
          400,
          "MalformedXML",
          "Cannot complete multipart upload: the request names no parts (%s)".formatted(upload));
    }
    TreeMap<Integer, ObjectFiles.StoredFile> stored = parts(bucket, key, uploadId);
    List<ObjectFiles.StoredFile> chosen = new ArrayList<>();
    int previous = 0;
    for (CompletedPart part : requested) {
      int number = part.partNumber() == null ? 0 : part.partNumber();
      if (number <= previous) {
        throw StorageErrors.error(
            400,
            "InvalidPartOrder",
            "Cannot complete multipart upload: part numbers must ascend, %d follows %d (%s)"
                .formatted(number, previous, upload));
      }
      previous = number;
      ObjectFiles.StoredFile file = stored.get(number);
      if (file == null
          || part.eTag() == null
          || !Etags.unquote(part.eTag()).equals(file.metadata().etag())) {
        throw StorageErrors.error(
            400,
            "InvalidPart",
            "Cannot complete multipart upload: part %d was not uploaded or its ETag %s differs (%s)"
                .formatted(number, part.eTag(), upload));
      }
      chosen.add(file);
    }
    for (int i = 0; i < chosen.size() - 1; i++) {
      long size = chosen.get(i).metadata().size();
      if (size < MINIMUM_PART_SIZE) {
        throw StorageErrors.error(
            400,
            "EntityTooSmall",
            "Cannot complete multipart upload: part %d is %d bytes, below the %d-byte minimum for all but the last part (%s)"
                .formatted(requested.get(i).partNumber(), size, MINIMUM_PART_SIZE, upload));
      }
    }
    return chosen;
  }

  /** The S3 multipart ETag: MD5 of the concatenated binary part MD5s, then "-" and the count. */
  static String multipartEtag(List<ObjectFiles.StoredFile> parts) {
    MessageDigest md5 = ObjectFiles.md5();
    for (ObjectFiles.StoredFile part : parts) {
      md5.update(HexFormat.of().parseHex(part.metadata().etag()));
    }
    return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
  }

  /** The parts' plaintext, one after another, each opened only when reached. */
  static InputStream concatenate(List<ObjectFiles.StoredFile> parts, PartOpener opener) {
    Iterator<ObjectFiles.StoredFile> iterator = parts.iterator();
    return new SequenceInputStream(
        new java.util.Enumeration<InputStream>() {
          @Override
          public boolean hasMoreElements() {
            return iterator.hasNext();
          }

          @Override
          public InputStream nextElement() {
            if (!iterator.hasNext()) {
              throw new NoSuchElementException();
            }
            return opener.open(iterator.next());
          }
        });
  }

  /** Opens the plaintext of a stored part. */
  @FunctionalInterface
  interface PartOpener {
    InputStream open(ObjectFiles.StoredFile part);
  }
}
