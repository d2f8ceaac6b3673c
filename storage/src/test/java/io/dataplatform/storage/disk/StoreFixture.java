package io.dataplatform.storage.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Shared helpers for the disk store tests: a store in a temporary directory and small calls. */
final class StoreFixture {
  final Path root;
  final MasterKey masterKey;
  final List<ObjectEvent> events = new ArrayList<>();
  final DiskBlobStore store;

  StoreFixture(Path root) {
    this(root, MasterKey.generate());
  }

  StoreFixture(Path root, MasterKey masterKey) {
    this.root = root;
    this.masterKey = masterKey;
    this.store = new DiskBlobStore(root, masterKey, events::add);
  }

  StoreFixture reopen() {
    return new StoreFixture(root, masterKey);
  }

  PutObjectResponse put(String bucket, String key, String content) {
    return put(PutObjectRequest.builder().bucket(bucket).key(key), content);
  }

  PutObjectResponse put(PutObjectRequest.Builder request, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return store.putBlob(
        request.contentLength((long) bytes.length).build(),
        new java.io.ByteArrayInputStream(bytes));
  }

  String read(String bucket, String key) {
    return read(GetObjectRequest.builder().bucket(bucket).key(key).build());
  }

  String read(GetObjectRequest request) {
    try (ResponseInputStream<GetObjectResponse> in = store.getBlob(request)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the call fails with the S3 error code and status, and returns the message. */
  static String assertS3Error(int status, String code, Executable call) {
    AwsServiceException error = Assertions.assertThrows(AwsServiceException.class, call);
    Assertions.assertEquals(code, error.awsErrorDetails().errorCode(), error.getMessage());
    Assertions.assertEquals(status, error.statusCode(), error.getMessage());
    return error.awsErrorDetails().errorMessage();
  }

  static String md5Hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(ObjectFiles.md5().digest(bytes));
  }

  /** A stream of {@code length} pseudo-random bytes, generated as read, never held in memory. */
  static InputStream generated(long length, long seed) {
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        return position < length ? byteAt(position++, seed) : -1;
      }

      @Override
      public int read(byte[] buffer, int offset, int count) {
        if (position >= length) {
          return -1;
        }
        int n = (int) Math.min(count, length - position);
        for (int i = 0; i < n; i++) {
          buffer[offset + i] = (byte) byteAt(position++, seed);
        }
        return n;
      }
    };
  }

  static int byteAt(long position, long seed) {
    long x = (position + seed) * 0x9E3779B97F4A7C15L;
    return (int) ((x ^ (x >>> 29)) >>> 24) & 0xff;
  }

  static Supplier<String> message(String text) {
    return () -> text;
  }
}
