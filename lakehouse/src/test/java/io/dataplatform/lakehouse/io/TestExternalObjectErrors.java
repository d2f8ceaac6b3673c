package io.dataplatform.lakehouse.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** How S3 error responses read to the user. */
class TestExternalObjectErrors {
  private static DpException failure(int status, String code) {
    S3Exception response =
        (S3Exception)
            S3Exception.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .build();
    return ExternalObjects.failure("s3://staging/landing/a.csv", response);
  }

  @Test
  void namesTheLocationAndWhatWentWrong() {
    DpException missing = failure(404, null);
    assertEquals("Cannot read s3://staging/landing/a.csv: no such object", missing.getMessage());
    assertEquals(StandardErrorCode.NOT_FOUND, missing.code());

    DpException noBucket = failure(404, "NoSuchBucket");
    assertEquals(
        "Cannot read s3://staging/landing/a.csv: no such bucket (staging)", noBucket.getMessage());

    DpException denied = failure(403, "AccessDenied");
    assertEquals(
        "Cannot read s3://staging/landing/a.csv: access denied; the lakehouse's S3 credentials"
            + " cannot read bucket staging",
        denied.getMessage());
    assertEquals(StandardErrorCode.PERMISSION_DENIED, denied.code());

    DpException changed = failure(412, "PreconditionFailed");
    assertEquals(
        "Cannot read s3://staging/landing/a.csv: the object changed while it was read; run again",
        changed.getMessage());
    assertEquals(StandardErrorCode.CONFLICT, changed.code());

    DpException broken = failure(503, "SlowDown");
    assertEquals(
        "Cannot read s3://staging/landing/a.csv: the S3 store answered 503 SlowDown",
        broken.getMessage());
    assertEquals(StandardErrorCode.EXTERNAL_FAILURE, broken.code());
  }
}
