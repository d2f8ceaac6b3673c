package io.dataplatform.storage.disk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names on disk for buckets and object keys. A key becomes one directory name: bytes outside {@code
 * [A-Za-z0-9_-]} are percent-encoded, so no key can name "." or "..", contain a separator, or
 * escape its bucket. A name that would be too long for the file system is replaced by a hash; the
 * key itself is then read from the object's metadata.
 */
final class KeyNames {
  /** Longest key S3 accepts, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;

  /** Longest encoded directory name kept readable; longer ones are hashed. */
  private static final int MAX_ENCODED_LENGTH = 240;

  private static final String HASHED_PREFIX = "~";
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  /** Orders strings by their UTF-8 bytes (equivalently, by code point), as S3 lists keys. */
  static final Comparator<String> UTF8_ORDER = KeyNames::compareUtf8;

  private KeyNames() {}

  static void validateBucketName(String bucket) {
    String reason = null;
    if (bucket == null || !BUCKET_NAME.matcher(bucket).matches()) {
      reason =
          "it must be 3 to 63 lowercase letters, digits, dots or hyphens,"
              + " starting and ending with a letter or digit";
    } else if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
      reason = "it must not contain adjacent dots or a dot next to a hyphen";
    } else if (IP_ADDRESS.matcher(bucket).matches()) {
      reason = "it must not look like an IP address";
    } else if (bucket.startsWith("xn--") || bucket.endsWith("-s3alias")) {
      reason = "it must not use a prefix or suffix reserved by S3";
    }
    if (reason != null) {
      throw StorageErrors.error(
          400, "InvalidBucketName", "Cannot use bucket name: %s (%s)".formatted(reason, bucket));
    }
  }

  static void validateKey(String bucket, String key) {
    if (key == null || key.isEmpty()) {
      throw StorageErrors.invalidArgument(
          "Cannot use object key: it must not be empty (%s)".formatted(bucket));
    }
    int length = key.getBytes(StandardCharsets.UTF_8).length;
    if (length > MAX_KEY_BYTES) {
      throw StorageErrors.error(
          400,
          "KeyTooLongError",
          "Cannot use object key: it is %d bytes, longer than %d (%s)"
              .formatted(length, MAX_KEY_BYTES, bucket));
    }
  }

  /** The directory name holding the versions of {@code key}. */
  static String encode(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    StringBuilder name = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      char c = (char) (b & 0xff);
      if (isPlain(c)) {
        name.append(c);
      } else {
        name.append('%').append(HEX.toHexDigits(b));
      }
    }
    if (name.length() > MAX_ENCODED_LENGTH) {
      return HASHED_PREFIX + sha256(bytes);
    }
    return name.toString();
  }

  /** The key a directory name stands for, or empty when the name is a hash. */
  static Optional<String> decode(String name) {
    if (name.startsWith(HASHED_PREFIX)) {
      return Optional.empty();
    }
    byte[] bytes = new byte[name.length()];
    int length = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '%' && i + 2 < name.length()) {
        bytes[length++] = (byte) HexFormat.fromHexDigits(name, i + 1, i + 3);
        i += 2;
      } else {
        bytes[length++] = (byte) c;
      }
    }
    return Optional.of(new String(bytes, 0, length, StandardCharsets.UTF_8));
  }

  static boolean isHashed(String name) {
    return name.startsWith(HASHED_PREFIX);
  }

  private static boolean isPlain(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash object key: SHA-256 is unavailable", e);
    }
  }

  private static int compareUtf8(String left, String right) {
    int i = 0;
    int j = 0;
    while (i < left.length() && j < right.length()) {
      int a = left.codePointAt(i);
      int b = right.codePointAt(j);
      if (a != b) {
        return Integer.compare(a, b);
      }
      i += Character.charCount(a);
      j += Character.charCount(b);
    }
    return Integer.compare(left.length() - i, right.length() - j);
  }
}
