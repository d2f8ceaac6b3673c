package io.dataplatform.storage.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class TestDiskBlobStoreDurability {
  private static final long SIZE = 64L * 1024 * 1024;
  @TempDir Path root;

  @Test
  void streamsLargeObjectsInConstantMemory() throws Exception {
    StoreFixture fixture = new StoreFixture(root);
    fixture.store.createContainer("big");
    for (ServerSideEncryption encryption :
        new ServerSideEncryption[] {null, ServerSideEncryption.AES256}) {
      Runtime runtime = Runtime.getRuntime();
      System.gc();
      long before = runtime.totalMemory() - runtime.freeMemory();
      var put =
          fixture.store.putBlob(
              PutObjectRequest.builder()
                  .bucket("big")
                  .key("blob")
                  .contentLength(SIZE)
                  .serverSideEncryption(encryption)
                  .build(),
              StoreFixture.generated(SIZE, 42));
      MessageDigest expected = ObjectFiles.md5();
      try (InputStream in = StoreFixture.generated(SIZE, 42)) {
        byte[] buffer = new byte[65536];
        int read;
        while ((read = in.read(buffer)) >= 0) {
          expected.update(buffer, 0, read);
        }
      }
      assertEquals("\"" + HexFormat.of().formatHex(expected.digest()) + "\"", put.eTag());
      MessageDigest actual = ObjectFiles.md5();
      long growth = 0;
      try (InputStream in = fixture.store.getBlob("big", "blob")) {
        byte[] buffer = new byte[65536];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
          actual.update(buffer, 0, read);
          total += read;
          if (growth == 0 && total >= SIZE / 2) {
            // Live heap half-way through the read, after a collection: neither the write nor the
            // read may hold the object in memory.
            System.gc();
            growth = Math.max(1, runtime.totalMemory() - runtime.freeMemory() - before);
          }
        }
      }
      assertEquals(put.eTag(), "\"" + HexFormat.of().formatHex(actual.digest()) + "\"");
      assertTrue(
          growth < SIZE / 4, "heap grew by " + growth + " bytes for a " + SIZE + "-byte object");
    }
  }

  @Test
  void interruptedWritesAreInvisibleAndCleanedAtOpen() throws Exception {
    StoreFixture fixture = new StoreFixture(root);
    fixture.store.createContainer("crash");
    fixture.put("crash", "kept", "committed");
    InputStream failing =
        new InputStream() {
          private int sent;

          @Override
          public int read() throws IOException {
            if (sent++ < 100_000) {
              return 'x';
            }
            throw new IOException("connection reset");
          }
        };
    var error =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuntimeException.class,
            () ->
                fixture.store.putBlob(
                    PutObjectRequest.builder()
                        .bucket("crash")
                        .key("partial")
                        .contentLength(200_000L)
                        .build(),
                    failing));
    assertEquals(
        "Cannot store object: writing its bytes failed (crash/partial)", error.getMessage());
    assertFalse(fixture.store.blobExists("crash", "partial"));

    // What a process killed mid-write leaves: a half-written temporary object, a half-written part,
    // and a staged bucket that was never renamed into place.
    Path tmp = root.resolve("tmp");
    Files.write(tmp.resolve("write-1.tmp"), "half an object".getBytes());
    Files.write(tmp.resolve("write-2.tmp"), "half a part".getBytes());
    Files.createDirectories(tmp.resolve("bucket-3/objects"));
    var upload =
        fixture.store.initiateMultipartUpload(
            software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.builder()
                .bucket("crash")
                .key("mp")
                .build());

    StoreFixture reopened = fixture.reopen();
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(0, left.count());
    }
    assertEquals("committed", reopened.read("crash", "kept"));
    assertEquals(
        java.util.List.of("kept"),
        reopened.store.list("crash").contents().stream().map(o -> o.key()).toList());
    assertEquals(
        java.util.List.of("crash"),
        reopened.store.list().buckets().stream().map(b -> b.name()).toList());
    assertEquals(upload.id(), reopened.store.listMultipartUploads("crash").get(0).uploadId());
  }

  @Test
  void olderNullVersionLeftByACrashIsIgnoredAndReplaced() throws Exception {
    StoreFixture fixture = new StoreFixture(root);
    fixture.store.createContainer("crash");
    fixture.put("crash", "k", "new");
    Path directory = root.resolve("buckets/crash/objects/k");
    Path current;
    try (Stream<Path> files = Files.list(directory)) {
      current = files.findFirst().orElseThrow();
    }
    // A crash between the rename of a new null version and the removal of the one it replaced.
    Files.copy(current, directory.resolve("0000000000000001.null"));
    StoreFixture reopened = fixture.reopen();
    assertEquals("new", reopened.read("crash", "k"));
    reopened.put("crash", "k", "newer");
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(1, files.count());
    }
    assertEquals("newer", reopened.read("crash", "k"));
  }
}
