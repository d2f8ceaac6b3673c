package io.dataplatform.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The AWS SDK client and the on-disk checks the object storage tests share. */
final class StorageClients {
  static final String ACCESS_KEY = "storagee2eaccess0001";
  static final String SECRET_KEY = "storagee2esecret000000000000000000000001";

  private StorageClients() {}

  /** The environment that fixes the root S3 key pair of a {@code dp up}. */
  static Map<String, String> rootKeys() {
    return Map.of("DP_S3_ACCESS_KEY", ACCESS_KEY, "DP_S3_SECRET_KEY", SECRET_KEY);
  }

  /** A client of the server's S3 API as root, path-style, that never retries a request. */
  static S3Client s3(DpProcess dp) {
    return s3(dp.s3Endpoint(), ACCESS_KEY, SECRET_KEY);
  }

  static S3Client s3(String endpoint, String accessKey, String secretKey) {
    // No retries: a request cut by a killed server must fail, not land on the restarted one.
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .overrideConfiguration(
            configuration -> configuration.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .httpClient(
            Apache5HttpClient.builder()
                .socketTimeout(Duration.ofMinutes(5))
                .connectionTimeout(Duration.ofSeconds(10))
                .build())
        .build();
  }

  /** The keys of every object in {@code bucket}, in listing order. */
  static List<String> keys(S3Client s3, String bucket) {
    return s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  /** The MD5 of an object's content as read back through GET. */
  static String md5OfObject(S3Client s3, String bucket, String key) {
    try (ResponseInputStream<GetObjectResponse> content =
        s3.getObject(request -> request.bucket(bucket).key(key))) {
      return md5Hex(content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read object (%s/%s)".formatted(bucket, key), e);
    }
  }

  static String md5Hex(byte[] bytes) {
    return HexFormat.of().formatHex(md5().digest(bytes));
  }

  static String md5Hex(InputStream in) throws IOException {
    MessageDigest digest = md5();
    byte[] buffer = new byte[64 * 1024];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      digest.update(buffer, 0, read);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot compute MD5: the JDK lacks it", e);
    }
  }

  static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Every regular file under {@code root}; none when it does not exist. */
  static List<Path> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  /** The files under {@code root} whose bytes contain {@code needle} anywhere. */
  static List<Path> filesContaining(Path root, byte[] needle) throws IOException {
    return files(root).stream().filter(file -> contains(file, needle)).toList();
  }

  private static boolean contains(Path file, byte[] needle) {
    byte[] buffer = new byte[1 << 20];
    int carry = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(buffer, carry, buffer.length - carry)) >= 0) {
        int filled = carry + read;
        if (indexOf(buffer, filled, needle) >= 0) {
          return true;
        }
        // keep the tail that could start a match crossing into the next read
        carry = Math.min(needle.length - 1, filled);
        System.arraycopy(buffer, filled - carry, buffer, 0, carry);
      }
      return false;
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot search file (%s)".formatted(file), e);
    }
  }

  private static int indexOf(byte[] haystack, int length, byte[] needle) {
    outer:
    for (int i = 0; i <= length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
