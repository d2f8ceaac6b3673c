package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;

/**
 * An access key id and its secret, as an S3 client signs requests with them. {@link #toString()}
 * never shows the secret.
 */
public record S3Credentials(String accessKeyId, String secretKey) {
  /** Length of a generated access key id, as MinIO makes them. */
  public static final int ACCESS_KEY_ID_LENGTH = 20;

  /** Length of a generated secret key, as MinIO makes them. */
  public static final int SECRET_KEY_LENGTH = 40;

  private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  public S3Credentials {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(secretKey, "secretKey");
    validateAccessKeyId(accessKeyId);
    if (secretKey.length() < 8 || secretKey.length() > 128) {
      throw new IllegalArgumentException(
          "Cannot use S3 credentials: the secret key must have 8 to 128 characters (key %s has %d)"
              .formatted(accessKeyId, secretKey.length()));
    }
  }

  /** A fresh random pair: a 20-character key id and a 40-character secret. */
  public static S3Credentials generate() {
    return new S3Credentials(
        random(ID_ALPHABET, ACCESS_KEY_ID_LENGTH), random(SECRET_ALPHABET, SECRET_KEY_LENGTH));
  }

  static void validateAccessKeyId(String accessKeyId) {
    if (accessKeyId.length() < 3 || accessKeyId.length() > 128) {
      throw new IllegalArgumentException(
          "Cannot use access key id: it must have 3 to 128 characters (%s)".formatted(accessKeyId));
    }
    for (int i = 0; i < accessKeyId.length(); i++) {
      char c = accessKeyId.charAt(i);
      if (c <= ' ' || c == '/' || c == ',' || c == '=' || c > '~') {
        throw new IllegalArgumentException(
            "Cannot use access key id: it contains '%c', which a signature cannot carry (%s)"
                .formatted(c, accessKeyId));
      }
    }
  }

  private static String random(String alphabet, int length) {
    var builder = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      builder.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return builder.toString();
  }

  @Override
  public String toString() {
    return "S3Credentials[accessKeyId=" + accessKeyId + ", secretKey=<redacted>]";
  }
}
