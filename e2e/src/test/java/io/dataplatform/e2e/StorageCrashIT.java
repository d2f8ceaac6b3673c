package io.dataplatform.e2e;

import static io.dataplatform.e2e.StorageClients.keys;
import static io.dataplatform.e2e.StorageClients.md5;
import static io.dataplatform.e2e.StorageClients.md5Hex;
import static io.dataplatform.e2e.StorageClients.md5OfObject;
import static io.dataplatform.e2e.StorageClients.randomBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@code kill -9} of {@code dp up} while objects are being written through the S3 API: after a
 * restart on the same data directory the bucket holds exactly the acknowledged objects, each
 * byte-identical, nothing of the interrupted write is visible, the store's temporary files are gone
 * and the server takes new writes.
 */
class StorageCrashIT {
  private static final String BUCKET = "crash";
  private static final int MB = 1024 * 1024;
  private static final int PART_SIZE = 5 * MB;
  private static final String ENCRYPTED_KEY = "encrypted/secret.bin";

  @TempDir Path directory;

  @Test
  void aStreamingPutKilledMidwayLeavesExactlyTheAcknowledgedObjects() throws Exception {
    Path data = directory.resolve("data");
    String bigKey = "big/streamed.bin";
    Map<String, String> acknowledged;
    try (DpProcess dp = DpProcess.start(data, "up", StorageClients.rootKeys());
        S3Client s3 = StorageClients.s3(dp)) {
      s3.createBucket(request -> request.bucket(BUCKET));
      acknowledged = putAcknowledgedObjects(s3);
      long length = 400L * MB;
      CompletableFuture<?> upload =
          CompletableFuture.runAsync(
              () ->
                  s3.putObject(
                      request -> request.bucket(BUCKET).key(bigKey).contentLength(length),
                      RequestBody.fromContentProvider(
                          () -> new GeneratedStream(length, 11),
                          length,
                          "application/octet-stream")));
      awaitTemporaryFile(data, 16 * MB, upload);
      dp.kill();
      assertFailed(upload);
    }
    List<Path> leftovers = temporaryFiles(data);

    try (DpProcess dp = DpProcess.start(data, "up", StorageClients.rootKeys());
        S3Client s3 = StorageClients.s3(dp)) {
      assertEquals(List.copyOf(acknowledged.keySet()), keys(s3, BUCKET));
      acknowledged.forEach(
          (key, md5) -> assertEquals(md5, md5OfObject(s3, BUCKET, key), "content of " + key));
      HeadObjectResponse encrypted =
          s3.headObject(request -> request.bucket(BUCKET).key(ENCRYPTED_KEY));
      assertEquals(ServerSideEncryption.AES256, encrypted.serverSideEncryption());
      NoSuchKeyException missing =
          assertThrows(
              NoSuchKeyException.class,
              () -> s3.getObject(request -> request.bucket(BUCKET).key(bigKey)));
      assertEquals(404, missing.statusCode());
      assertTrue(
          missing.getMessage().contains("Cannot find object: it does not exist (crash/" + bigKey),
          missing.getMessage());
      assertLeftoversRemoved(leftovers);
      assertServesNewWrites(s3);
    }
  }

  @Test
  void aMultipartUploadKilledBetweenPartsKeepsItsAcknowledgedPartsAndNoObject() throws Exception {
    Path data = directory.resolve("data");
    String key = "big/parts.bin";
    Map<Integer, String> acknowledged = new ConcurrentSkipListMap<>();
    String uploadId;
    try (DpProcess dp = DpProcess.start(data, "up", StorageClients.rootKeys());
        S3Client s3 = StorageClients.s3(dp)) {
      s3.createBucket(request -> request.bucket(BUCKET));
      uploadId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(key)).uploadId();
      String id = uploadId;
      CompletableFuture<?> upload =
          CompletableFuture.runAsync(
              () -> {
                for (int number = 1; number <= 200; number++) {
                  acknowledged.put(number, uploadPart(s3, key, id, number, part(number)));
                }
              });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acknowledged.size() < 3 && !upload.isDone() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      awaitTemporaryFile(data, MB, upload);
      dp.kill();
      assertFailed(upload);
    }
    List<Path> leftovers = temporaryFiles(data);
    assertTrue(acknowledged.size() >= 3, "parts acknowledged before the kill: " + acknowledged);

    try (DpProcess dp = DpProcess.start(data, "up", StorageClients.rootKeys());
        S3Client s3 = StorageClients.s3(dp)) {
      assertEquals(List.of(), keys(s3, BUCKET), "no object appears from parts alone");
      List<MultipartUpload> uploads =
          s3.listMultipartUploads(request -> request.bucket(BUCKET)).uploads();
      assertEquals(1, uploads.size(), uploads.toString());
      assertEquals(uploadId, uploads.get(0).uploadId());
      assertEquals(key, uploads.get(0).key());

      assertStoredParts(s3, key, uploadId, acknowledged);

      List<CompletedPart> completed = new ArrayList<>();
      MessageDigest expected = md5();
      acknowledged.forEach(
          (number, etag) -> {
            completed.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            expected.update(part(number));
          });
      complete(s3, key, uploadId, completed);
      assertEquals(HexFormat.of().formatHex(expected.digest()), md5OfObject(s3, BUCKET, key), key);
      assertEquals(List.of(), s3.listMultipartUploads(request -> request.bucket(BUCKET)).uploads());
      assertLeftoversRemoved(leftovers);
      assertServesNewWrites(s3);
    }
  }

  @Test
  void aCompletionKilledMidwayLeavesTheWholeObjectOrNone() throws Exception {
    Path data = directory.resolve("data");
    String key = "big/completed.bin";
    int partCount = 80;
    List<CompletedPart> completed = new ArrayList<>();
    MessageDigest digest = md5();
    String uploadId;
    try (DpProcess dp = DpProcess.start(data, "up", StorageClients.rootKeys());
        S3Client s3 = StorageClients.s3(dp)) {
      s3.createBucket(request -> request.bucket(BUCKET));
      uploadId = s3.createMultipartUpload(request -> request.bucket(BUCKET).key(key)).uploadId();
      for (int number = 1; number <= partCount; number++) {
        byte[] bytes = part(number);
        String etag = uploadPart(s3, key, uploadId, number, bytes);
        completed.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        digest.update(bytes);
      }
      CompletableFuture<?> completion =
          CompletableFuture.runAsync(() -> complete(s3, key, uploadId, completed));
      awaitTemporaryFile(data, 16 * MB, completion);
      dp.kill();
      assertFailed(completion);
    }
    List<Path> leftovers = temporaryFiles(data);
    String expected = HexFormat.of().formatHex(digest.digest());

    try (DpProcess dp = DpProcess.start(data, "up", StorageClients.rootKeys());
        S3Client s3 = StorageClients.s3(dp)) {
      List<String> keys = keys(s3, BUCKET);
      if (keys.isEmpty()) {
        // not committed: the upload and all its parts are still there to complete again
        List<Part> parts =
            s3.listParts(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)).parts();
        assertEquals(partCount, parts.size(), parts.toString());
        complete(s3, key, uploadId, completed);
      } else {
        assertEquals(List.of(key), keys);
      }
      assertEquals(expected, md5OfObject(s3, BUCKET, key), key);
      HeadObjectResponse head = s3.headObject(request -> request.bucket(BUCKET).key(key));
      assertEquals((long) partCount * PART_SIZE, head.contentLength());
      assertTrue(head.eTag().endsWith("-" + partCount + "\""), head.eTag());
      for (MultipartUpload upload :
          s3.listMultipartUploads(request -> request.bucket(BUCKET)).uploads()) {
        s3.abortMultipartUpload(
            request -> request.bucket(BUCKET).key(upload.key()).uploadId(upload.uploadId()));
      }
      assertLeftoversRemoved(leftovers);
      assertServesNewWrites(s3);
    }
  }

  /** Objects of varied sizes, one multipart and one encrypted, all acknowledged; key to MD5. */
  private static Map<String, String> putAcknowledgedObjects(S3Client s3) {
    Map<String, String> acknowledged = new TreeMap<>();
    byte[] text = "id,amount\n".repeat(300).getBytes(StandardCharsets.UTF_8);
    put(s3, "small/3k.csv", text, acknowledged);
    put(s3, "small/64k.bin", randomBytes(64 * 1024, 1), acknowledged);
    put(s3, "medium/1m.bin", randomBytes(MB, 2), acknowledged);
    put(s3, "medium/20m.bin", randomBytes(20 * MB, 3), acknowledged);

    byte[] secret = randomBytes(7 * MB + 13, 4);
    var encrypted =
        s3.putObject(
            request ->
                request
                    .bucket(BUCKET)
                    .key(ENCRYPTED_KEY)
                    .serverSideEncryption(ServerSideEncryption.AES256),
            RequestBody.fromBytes(secret));
    assertEquals(ServerSideEncryption.AES256, encrypted.serverSideEncryption());
    acknowledged.put(ENCRYPTED_KEY, md5Hex(secret));

    String multipartKey = "multipart/31m.bin";
    byte[] whole = randomBytes(31 * MB, 5);
    String uploadId =
        s3.createMultipartUpload(request -> request.bucket(BUCKET).key(multipartKey)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    for (int offset = 0, number = 1; offset < whole.length; offset += PART_SIZE, number++) {
      byte[] slice = Arrays.copyOfRange(whole, offset, Math.min(offset + PART_SIZE, whole.length));
      String etag = uploadPart(s3, multipartKey, uploadId, number, slice);
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }
    complete(s3, multipartKey, uploadId, parts);
    acknowledged.put(multipartKey, md5Hex(whole));
    return acknowledged;
  }

  private static void put(S3Client s3, String key, byte[] bytes, Map<String, String> acknowledged) {
    String etag =
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes))
            .eTag();
    assertEquals("\"" + md5Hex(bytes) + "\"", etag, key);
    acknowledged.put(key, md5Hex(bytes));
  }

  /**
   * The parts stored for an upload cut by a kill: every acknowledged one, and the one in flight
   * either absent or whole, never in part.
   */
  private static void assertStoredParts(
      S3Client s3, String key, String uploadId, Map<Integer, String> acknowledged) {
    List<Part> parts =
        s3.listParts(request -> request.bucket(BUCKET).key(key).uploadId(uploadId)).parts();
    List<Integer> numbers = parts.stream().map(Part::partNumber).toList();
    assertTrue(
        numbers.containsAll(acknowledged.keySet()) && numbers.size() <= acknowledged.size() + 1,
        "acknowledged " + acknowledged.keySet() + ", listed " + numbers);
    for (Part part : parts) {
      assertEquals(PART_SIZE, part.size(), "size of part " + part.partNumber());
      assertEquals(
          "\"" + md5Hex(part(part.partNumber())) + "\"",
          part.eTag(),
          "ETag of part " + part.partNumber());
      if (acknowledged.containsKey(part.partNumber())) {
        assertEquals(acknowledged.get(part.partNumber()), part.eTag());
      }
    }
  }

  private static String uploadPart(
      S3Client s3, String key, String uploadId, int number, byte[] bytes) {
    return s3.uploadPart(
            request -> request.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(number),
            RequestBody.fromBytes(bytes))
        .eTag();
  }

  private static void complete(
      S3Client s3, String key, String uploadId, List<CompletedPart> parts) {
    s3.completeMultipartUpload(
        request ->
            request
                .bucket(BUCKET)
                .key(key)
                .uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
  }

  /** Part {@code number} of the big multipart uploads: 5 MB, distinct per number. */
  private static byte[] part(int number) {
    byte[] bytes = randomBytes(PART_SIZE, 1000 + number);
    ByteBuffer.wrap(bytes).putInt(number);
    return bytes;
  }

  /** Waits until the store writes a temporary file of {@code size} bytes for the request. */
  private static void awaitTemporaryFile(Path data, long size, CompletableFuture<?> request)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (request.isDone()) {
        fail("the request ended before the server was killed: " + outcome(request));
      }
      for (Path file : temporaryFiles(data)) {
        if (sizeOf(file) >= size) {
          return;
        }
      }
      Thread.sleep(2);
    }
    fail("the store wrote no temporary file of " + size + " bytes within 120 s");
  }

  /** The files in the store's temporary area, where writes stage before they are renamed. */
  private static List<Path> temporaryFiles(Path data) throws IOException {
    return StorageClients.files(data.resolve("storage").resolve("tmp"));
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1; // renamed or deleted while looking
    }
  }

  private static String outcome(CompletableFuture<?> request) {
    try {
      request.get();
      return "it succeeded";
    } catch (ExecutionException | InterruptedException e) {
      return e.getCause() == null ? e.toString() : e.getCause().toString();
    }
  }

  /** The client saw the request fail: the server never acknowledged it. */
  private static void assertFailed(CompletableFuture<?> request) throws Exception {
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> request.get(60, TimeUnit.SECONDS));
    assertTrue(
        failure.getCause() instanceof software.amazon.awssdk.core.exception.SdkClientException,
        "the request failed on the connection, got " + failure.getCause());
  }

  private static void assertLeftoversRemoved(List<Path> leftovers) {
    assertFalse(leftovers.isEmpty(), "the kill left temporary files to clean");
    for (Path leftover : leftovers) {
      assertFalse(Files.exists(leftover), "removed at restart: " + leftover);
    }
  }

  private static void assertServesNewWrites(S3Client s3) {
    byte[] bytes = randomBytes(3 * MB, 99);
    s3.putObject(
        request -> request.bucket(BUCKET).key("after/restart.bin"), RequestBody.fromBytes(bytes));
    assertEquals(md5Hex(bytes), md5OfObject(s3, BUCKET, "after/restart.bin"));
    s3.deleteObject(request -> request.bucket(BUCKET).key("after/restart.bin"));
  }

  /** {@code length} bytes of a repeated random block, produced as they are read. */
  private static final class GeneratedStream extends InputStream {
    private final byte[] block;
    private long remaining;
    private long position;

    GeneratedStream(long length, long seed) {
      this.block = randomBytes(MB + 7, seed);
      this.remaining = length;
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      remaining--;
      return block[(int) (position++ % block.length)] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
      if (remaining == 0) {
        return -1;
      }
      int start = (int) (position % block.length);
      int count = (int) Math.min(Math.min(length, remaining), block.length - start);
      System.arraycopy(block, start, bytes, offset, count);
      position += count;
      remaining -= count;
      return count;
    }
  }
}
