package io.dataplatform.storage.disk;

import static io.dataplatform.storage.disk.StoreFixture.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

class TestDiskBlobStoreMultipart {
  private static final long MIB = 1024 * 1024;
  @TempDir Path root;
  StoreFixture fixture;

  @BeforeEach
  void createBucket() {
    fixture = new StoreFixture(root);
    fixture.store.createContainer("parts");
  }

  private MultipartUpload start(String key, boolean encrypted) {
    return fixture.store.initiateMultipartUpload(
        CreateMultipartUploadRequest.builder()
            .bucket("parts")
            .key(key)
            .contentType("application/x-test")
            .serverSideEncryption(encrypted ? ServerSideEncryption.AES256 : null)
            .build());
  }

  private CompletedPart upload(MultipartUpload upload, int number, long size) {
    String etag =
        fixture
            .store
            .uploadMultipartPart(
                upload,
                UploadPartRequest.builder().partNumber(number).contentLength(size).build(),
                StoreFixture.generated(size, number))
            .eTag();
    return CompletedPart.builder().partNumber(number).eTag(etag).build();
  }

  private void complete(MultipartUpload upload, List<CompletedPart> parts) {
    fixture.store.completeMultipartUpload(
        upload,
        CompleteMultipartUploadRequest.builder()
            .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
            .build());
  }

  @Test
  void assemblesPartsInOrder() throws Exception {
    for (boolean encrypted : new boolean[] {false, true}) {
      String key = "big-" + encrypted;
      MultipartUpload upload = start(key, encrypted);
      CompletedPart one = upload(upload, 1, 5 * MIB);
      CompletedPart two = upload(upload, 2, 5 * MIB + 3);
      CompletedPart three = upload(upload, 3, 1000);
      assertEquals(3, fixture.store.listMultipartUpload(upload).size());
      assertEquals(key, fixture.store.listMultipartUploads("parts").get(0).key());
      complete(upload, List.of(one, two, three));

      MessageDigest partDigests = ObjectFiles.md5();
      for (CompletedPart part : List.of(one, two, three)) {
        partDigests.update(HexFormat.of().parseHex(Etags.unquote(part.eTag())));
      }
      var head = fixture.store.blobMetadata("parts", key);
      assertEquals("\"" + HexFormat.of().formatHex(partDigests.digest()) + "-3\"", head.eTag());
      assertEquals(10 * MIB + 1003, head.contentLength());
      assertEquals("application/x-test", head.contentType());
      MessageDigest expected = ObjectFiles.md5();
      MessageDigest actual = ObjectFiles.md5();
      digest(expected, StoreFixture.generated(5 * MIB, 1));
      digest(expected, StoreFixture.generated(5 * MIB + 3, 2));
      digest(expected, StoreFixture.generated(1000, 3));
      digest(actual, fixture.store.getBlob("parts", key));
      assertEquals(
          HexFormat.of().formatHex(expected.digest()), HexFormat.of().formatHex(actual.digest()));
      assertTrue(fixture.store.listMultipartUploads("parts").isEmpty());
    }
  }

  private static void digest(MessageDigest digest, InputStream in) throws Exception {
    try (in) {
      byte[] buffer = new byte[65536];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, read);
      }
    }
  }

  @Test
  void validatesThePartList() {
    MultipartUpload upload = start("k", false);
    CompletedPart one = upload(upload, 1, 1000);
    CompletedPart two = upload(upload, 2, 1000);
    String tooSmall =
        assertS3Error(400, "EntityTooSmall", () -> complete(upload, List.of(one, two)));
    assertEquals(
        "Cannot complete multipart upload: part 1 is 1000 bytes, below the 5242880-byte minimum"
            + " for all but the last part (parts/k upload "
            + upload.id()
            + ")",
        tooSmall);
    String order =
        assertS3Error(400, "InvalidPartOrder", () -> complete(upload, List.of(two, one)));
    assertEquals(
        "Cannot complete multipart upload: part numbers must ascend, 1 follows 2 (parts/k upload "
            + upload.id()
            + ")",
        order);
    CompletedPart wrongEtag = one.toBuilder().eTag("\"0123\"").build();
    String invalid = assertS3Error(400, "InvalidPart", () -> complete(upload, List.of(wrongEtag)));
    assertTrue(
        invalid.startsWith("Cannot complete multipart upload: part 1 was not uploaded"), invalid);
    CompletedPart missing = CompletedPart.builder().partNumber(7).eTag(one.eTag()).build();
    assertS3Error(400, "InvalidPart", () -> complete(upload, List.of(missing)));
    assertS3Error(400, "MalformedXML", () -> complete(upload, List.of()));
    complete(upload, List.of(two));
    assertEquals(1000L, fixture.store.blobMetadata("parts", "k").contentLength());
    assertS3Error(404, "NoSuchUpload", () -> complete(upload, List.of(two)));
  }

  @Test
  void abortsUploads() {
    MultipartUpload upload = start("k", false);
    upload(upload, 1, 10);
    fixture.store.abortMultipartUpload(upload);
    assertTrue(fixture.store.listMultipartUploads("parts").isEmpty());
    String message =
        assertS3Error(404, "NoSuchUpload", () -> fixture.store.listMultipartUpload(upload));
    assertEquals(
        "Cannot find multipart upload: it does not exist or was completed or aborted (parts/k upload "
            + upload.id()
            + ")",
        message);
    assertS3Error(
        404,
        "NoSuchUpload",
        () ->
            fixture.store.listMultipartUpload(
                new MultipartUpload(
                    "../../etc",
                    CreateMultipartUploadRequest.builder().bucket("parts").key("k").build())));
  }

  @Test
  void copiesPartsFromObjects() {
    fixture.put("parts", "source", "0123456789");
    MultipartUpload upload = start("target", true);
    var copied =
        fixture.store.copyMultipartPart(
            upload,
            UploadPartCopyRequest.builder()
                .sourceBucket("parts")
                .sourceKey("source")
                .partNumber(1)
                .copySourceRange("bytes=2-5")
                .build());
    complete(
        upload,
        List.of(
            CompletedPart.builder().partNumber(1).eTag(copied.copyPartResult().eTag()).build()));
    assertEquals("2345", fixture.read("parts", "target"));
    assertEquals(
        ServerSideEncryption.AES256,
        fixture.store.blobMetadata("parts", "target").serverSideEncryption());
  }
}
