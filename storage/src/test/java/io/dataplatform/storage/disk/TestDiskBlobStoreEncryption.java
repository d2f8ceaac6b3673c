package io.dataplatform.storage.disk;

import static io.dataplatform.storage.disk.StoreFixture.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

class TestDiskBlobStoreEncryption {
  private static final int CHUNK = ChunkedEncryption.CHUNK_SIZE;
  @TempDir Path root;
  StoreFixture fixture;
  byte[] content;

  @BeforeEach
  void setUp() {
    fixture = new StoreFixture(root);
    fixture.store.createContainer("secret");
    StringBuilder text = new StringBuilder();
    while (text.length() < 3 * CHUNK + 1234) {
      text.append("PLAINTEXT-MARKER-").append(text.length()).append(' ');
    }
    content = text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void putEncrypted(String key) {
    fixture.store.putBlob(
        PutObjectRequest.builder()
            .bucket("secret")
            .key(key)
            .contentLength((long) content.length)
            .serverSideEncryption(ServerSideEncryption.AES256)
            .build(),
        new ByteArrayInputStream(content));
  }

  private byte[] read(String key, String range) throws Exception {
    try (var in =
        fixture.store.getBlob(
            GetObjectRequest.builder().bucket("secret").key(key).range(range).build())) {
      return in.readAllBytes();
    }
  }

  @Test
  void storesCiphertextAndReadsPlaintext() throws Exception {
    putEncrypted("doc");
    var head = fixture.store.blobMetadata("secret", "doc");
    assertEquals(ServerSideEncryption.AES256, head.serverSideEncryption());
    assertEquals("\"" + StoreFixture.md5Hex(content) + "\"", head.eTag());
    assertEquals(content.length, head.contentLength());
    assertArrayEquals(content, read("doc", null));
    assertNoPlaintextOnDisk();
  }

  @Test
  void readsRangesAcrossChunkBoundaries() throws Exception {
    putEncrypted("doc");
    long[][] ranges = {
      {0, 0},
      {CHUNK - 1, CHUNK},
      {CHUNK, CHUNK},
      {CHUNK - 5, 2L * CHUNK + 5},
      {3L * CHUNK, content.length - 1},
      {content.length - 1, content.length - 1},
      {10, 20}
    };
    for (long[] range : ranges) {
      byte[] expected = Arrays.copyOfRange(content, (int) range[0], (int) range[1] + 1);
      assertArrayEquals(
          expected, read("doc", "bytes=" + range[0] + "-" + range[1]), range[0] + "-" + range[1]);
    }
    assertArrayEquals(
        Arrays.copyOfRange(content, content.length - 7, content.length), read("doc", "bytes=-7"));
  }

  @Test
  void bucketDefaultEncryptsEveryWrite() throws Exception {
    assertS3Error(
        404,
        "ServerSideEncryptionConfigurationNotFoundError",
        () -> fixture.store.getBucketEncryption("secret"));
    fixture.store.putBucketEncryption(
        "secret",
        ServerSideEncryptionConfiguration.builder()
            .rules(
                ServerSideEncryptionRule.builder()
                    .applyServerSideEncryptionByDefault(
                        ServerSideEncryptionByDefault.builder()
                            .sseAlgorithm(ServerSideEncryption.AES256)
                            .build())
                    .build())
            .build());
    assertEquals(
        ServerSideEncryption.AES256,
        fixture
            .store
            .getBucketEncryption("secret")
            .rules()
            .get(0)
            .applyServerSideEncryptionByDefault()
            .sseAlgorithm());
    var put =
        fixture.store.putBlob(
            PutObjectRequest.builder()
                .bucket("secret")
                .key("default")
                .contentLength((long) content.length)
                .build(),
            new ByteArrayInputStream(content));
    assertEquals(ServerSideEncryption.AES256, put.serverSideEncryption());
    assertArrayEquals(content, read("default", null));
    assertNoPlaintextOnDisk();

    fixture.store.deleteBucketEncryption("secret");
    assertNull(fixture.put("secret", "plain", "x").serverSideEncryption());
  }

  @Test
  void refusesOtherAlgorithms() {
    String message =
        assertS3Error(
            400,
            "InvalidArgument",
            () ->
                fixture.put(
                    PutObjectRequest.builder()
                        .bucket("secret")
                        .key("k")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS),
                    "x"));
    assertEquals(
        "Cannot store object: only AES256 server-side encryption is supported (aws:kms)", message);
  }

  @Test
  void wrongMasterKeyFailsBeforeAnyByte() {
    putEncrypted("doc");
    StoreFixture other = new StoreFixture(root, MasterKey.generate());
    String message = assertS3Error(500, "InternalError", () -> other.read("secret", "doc"));
    assertEquals(
        "Cannot decrypt object: its data key was wrapped by a different master key than the one"
            + " configured (secret/doc)",
        message);
  }

  @Test
  void tamperedChunkFailsAuthentication() throws Exception {
    putEncrypted("doc");
    Path file = objectFiles().findFirst().orElseThrow();
    byte[] bytes = Files.readAllBytes(file);
    bytes[CHUNK + 100] ^= 1;
    Files.write(file, bytes);
    var in = fixture.store.getBlob("secret", "doc");
    var error = assertThrows(java.io.IOException.class, in::readAllBytes);
    assertEquals("Cannot decrypt object: chunk 1 failed authentication", error.getMessage());
  }

  @Test
  void masterKeyRoundTrips(@TempDir Path keys) throws Exception {
    Path file = keys.resolve("master.key");
    MasterKey key = MasterKey.loadOrGenerate(file);
    assertEquals(key, MasterKey.load(file));
    assertEquals(key, MasterKey.loadOrGenerate(file));
    assertEquals(key, MasterKey.fromBase64(key.toBase64()));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertFalse(key.toString().contains(key.toBase64()));
    var error =
        assertThrows(IllegalArgumentException.class, () -> MasterKey.fromBase64("c2hvcnQ="));
    assertEquals("Cannot use master key: it must be 32 bytes (got 5)", error.getMessage());
  }

  private Stream<Path> objectFiles() throws Exception {
    return Files.walk(root.resolve("buckets"))
        .filter(p -> p.getFileName().toString().endsWith(".null"));
  }

  private void assertNoPlaintextOnDisk() throws Exception {
    byte[] needle = "PLAINTEXT-MARKER".getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        assertFalse(indexOf(bytes, needle) >= 0, "plaintext found in " + file);
      }
    }
    assertTrue(objectFiles().findAny().isPresent());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
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
