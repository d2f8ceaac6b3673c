package io.dataplatform.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.storage.disk.ObjectEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Multipart uploads through the AWS SDK. */
class S3MultipartIT extends StorePerTestClass {
  private static final int PART_SIZE = 5 * 1024 * 1024;

  @BeforeAll
  static void createBuckets() {
    s3.createBucket(b -> b.bucket("uploads"));
  }

  @Test
  void uploadInPartsListsThemAndCompletesToOneObject() {
    byte[] data = randomBytes(PART_SIZE + 1234, 7);
    String uploadId =
        s3.createMultipartUpload(
                b -> b.bucket("uploads").key("big.bin").contentType("application/x-test"))
            .uploadId();

    List<String> listed =
        s3.listMultipartUploads(b -> b.bucket("uploads")).uploads().stream()
            .map(MultipartUpload::uploadId)
            .toList();
    assertTrue(listed.contains(uploadId), listed.toString());

    String etag1 =
        s3.uploadPart(
                b -> b.bucket("uploads").key("big.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(Arrays.copyOfRange(data, 0, PART_SIZE)))
            .eTag();
    String etag2 =
        s3.uploadPart(
                b -> b.bucket("uploads").key("big.bin").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(Arrays.copyOfRange(data, PART_SIZE, data.length)))
            .eTag();

    List<Part> parts =
        s3.listParts(b -> b.bucket("uploads").key("big.bin").uploadId(uploadId)).parts();
    assertEquals(List.of(1, 2), parts.stream().map(Part::partNumber).toList());
    assertEquals(List.of((long) PART_SIZE, 1234L), parts.stream().map(Part::size).toList());

    s3.completeMultipartUpload(
        b ->
            b.bucket("uploads")
                .key("big.bin")
                .uploadId(uploadId)
                .multipartUpload(
                    m ->
                        m.parts(
                            CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                            CompletedPart.builder().partNumber(2).eTag(etag2).build())));

    HeadObjectResponse head = s3.headObject(b -> b.bucket("uploads").key("big.bin"));
    assertEquals((long) data.length, head.contentLength());
    assertEquals("application/x-test", head.contentType());
    assertTrue(head.eTag().endsWith("-2\""), head.eTag());
    assertArrayEquals(
        data, s3.getObjectAsBytes(b -> b.bucket("uploads").key("big.bin")).asByteArray());
    assertTrue(
        s3.listMultipartUploads(b -> b.bucket("uploads")).uploads().stream()
            .noneMatch(upload -> upload.uploadId().equals(uploadId)));

    List<ObjectEvent> events =
        fixture.service().recentEvents(Optional.of("uploads"), Optional.of("big.bin"), 10);
    assertEquals(1, events.size(), events.toString());
    assertEquals(ObjectEvent.Type.CREATED, events.get(0).type());
    assertEquals((long) data.length, events.get(0).size());
    assertEquals(head.eTag(), events.get(0).etag());
  }

  @Test
  void abortedUploadLeavesNoObject() {
    String uploadId =
        s3.createMultipartUpload(b -> b.bucket("uploads").key("aborted.bin")).uploadId();
    s3.uploadPart(
        b -> b.bucket("uploads").key("aborted.bin").uploadId(uploadId).partNumber(1),
        RequestBody.fromBytes(randomBytes(1024, 3)));
    s3.abortMultipartUpload(b -> b.bucket("uploads").key("aborted.bin").uploadId(uploadId));

    assertTrue(
        s3.listMultipartUploads(b -> b.bucket("uploads")).uploads().stream()
            .noneMatch(upload -> upload.uploadId().equals(uploadId)));
    S3Exception missing =
        assertThrows(
            S3Exception.class, () -> s3.headObject(b -> b.bucket("uploads").key("aborted.bin")));
    assertEquals(404, missing.statusCode());
    // S3 answers NoSuchUpload; a store that forgets the upload entirely may list no parts instead
    try {
      List<Part> left =
          s3.listParts(b -> b.bucket("uploads").key("aborted.bin").uploadId(uploadId)).parts();
      assertEquals(List.of(), left);
    } catch (S3Exception e) {
      assertEquals("NoSuchUpload", e.awsErrorDetails().errorCode());
    }
    assertTrue(
        fixture
            .service()
            .recentEvents(Optional.of("uploads"), Optional.of("aborted"), 10)
            .isEmpty());
  }

  private static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
