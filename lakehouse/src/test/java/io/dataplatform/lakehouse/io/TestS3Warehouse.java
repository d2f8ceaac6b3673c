package io.dataplatform.lakehouse.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.lakehouse.LakehouseConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TestS3Warehouse {
  private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");
  private static final Path CACHE = Path.of("/tmp/dp-cache");

  @Test
  void defaultsAndParts() {
    S3Warehouse warehouse =
        S3Warehouse.of("s3://warehouse/lake/", ENDPOINT, "key", "secret", CACHE);
    assertEquals("s3://warehouse/lake", warehouse.location());
    assertEquals("warehouse", warehouse.bucket());
    assertEquals("lake", warehouse.prefix());
    assertEquals("us-east-1", warehouse.region());
    assertEquals(S3Warehouse.Addressing.PATH, warehouse.addressing());
    assertEquals(2L * 1024 * 1024 * 1024, warehouse.cacheMaxBytes());
    S3Warehouse bucketOnly = S3Warehouse.of("s3://warehouse", ENDPOINT, "key", "secret", CACHE);
    assertEquals("", bucketOnly.prefix());
    S3Warehouse aws =
        warehouse
            .withRegion("eu-west-1")
            .withAddressing(S3Warehouse.Addressing.VIRTUAL_HOST)
            .withCacheMaxBytes(1L << 30);
    assertEquals("eu-west-1", aws.region());
    assertEquals(S3Warehouse.Addressing.VIRTUAL_HOST, aws.addressing());
    assertEquals(1L << 30, aws.cacheMaxBytes());
    assertEquals(warehouse, LakehouseConfig.of(warehouse).warehouse());
  }

  @Test
  void secretNeverShown() {
    S3Warehouse warehouse =
        S3Warehouse.of("s3://warehouse/lake", ENDPOINT, "lake-key", "very-secret-value", CACHE);
    String shown = warehouse.toString() + LakehouseConfig.of(warehouse);
    assertFalse(shown.contains("very-secret-value"), shown);
    assertTrue(shown.contains("lake-key"), shown);
    assertTrue(shown.contains("secretKey=****"), shown);
  }

  @Test
  void rejectsInvalidSettings() {
    assertInvalid(
        "Cannot configure lakehouse: the warehouse location must start with s3:// (/data/lake)",
        () -> S3Warehouse.of("/data/lake", ENDPOINT, "k", "s", CACHE));
    assertInvalid(
        "Cannot configure lakehouse: the bucket name must be 3 to 63 lowercase letters, digits,"
            + " dots or hyphens (s3://Ware_house/lake)",
        () -> S3Warehouse.of("s3://Ware_house/lake", ENDPOINT, "k", "s", CACHE));
    assertInvalid(
        "Cannot configure lakehouse: the warehouse prefix has an empty path segment"
            + " (s3://warehouse//lake)",
        () -> S3Warehouse.of("s3://warehouse//lake", ENDPOINT, "k", "s", CACHE));
    assertInvalid(
        "Cannot configure lakehouse: the S3 endpoint must be an http or https URL (ftp://host)",
        () -> S3Warehouse.of("s3://warehouse", URI.create("ftp://host"), "k", "s", CACHE));
    assertInvalid(
        "Cannot configure lakehouse: the S3 endpoint must not carry credentials; set the access"
            + " and secret keys (host)",
        () -> S3Warehouse.of("s3://warehouse", URI.create("http://a:b@host"), "k", "s", CACHE));
    assertInvalid(
        "Cannot configure lakehouse: the S3 access key is empty (s3://warehouse)",
        () -> S3Warehouse.of("s3://warehouse", ENDPOINT, " ", "s", CACHE));
    assertInvalid(
        "Cannot configure lakehouse: the S3 secret key is empty (s3://warehouse)",
        () -> S3Warehouse.of("s3://warehouse", ENDPOINT, "k", "", CACHE));
    S3Warehouse valid = S3Warehouse.of("s3://warehouse", ENDPOINT, "k", "s", CACHE);
    assertInvalid(
        "Cannot configure lakehouse: the S3 region must look like us-east-1 (US East)",
        () -> valid.withRegion("US East"));
    assertInvalid(
        "Cannot configure lakehouse: the cache must hold at least 1048576 bytes (1000)",
        () -> valid.withCacheMaxBytes(1000));
  }

  private static void assertInvalid(String message, Supplier<S3Warehouse> create) {
    DpException error = assertThrows(DpException.class, create::get);
    assertEquals(StandardErrorCode.INVALID_CONFIGURATION, error.code());
    assertEquals(message, error.getMessage());
  }
}
