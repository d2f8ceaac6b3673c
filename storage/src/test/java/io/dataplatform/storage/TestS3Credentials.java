package io.dataplatform.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestS3Credentials {
  @Test
  void generatedPairsHaveMinioLengthsAndDiffer() {
    S3Credentials one = S3Credentials.generate();
    S3Credentials two = S3Credentials.generate();
    assertEquals(20, one.accessKeyId().length());
    assertEquals(40, one.secretKey().length());
    assertTrue(one.accessKeyId().matches("[A-Z0-9]{20}"), one.accessKeyId());
    assertTrue(one.secretKey().matches("[A-Za-z0-9]{40}"));
    assertNotEquals(one, two);
  }

  @Test
  void toStringHidesTheSecret() {
    var credentials = new S3Credentials("visible-id", "hidden-secret-value");
    assertFalse(credentials.toString().contains("hidden-secret-value"));
    assertTrue(credentials.toString().contains("visible-id"));
  }

  @Test
  void refusesKeysASignatureCannotCarry() {
    IllegalArgumentException slash =
        assertThrows(
            IllegalArgumentException.class, () -> new S3Credentials("a/b/c", "secret-123"));
    assertEquals(
        "Cannot use access key id: it contains '/', which a signature cannot carry (a/b/c)",
        slash.getMessage());
    IllegalArgumentException shortSecret =
        assertThrows(IllegalArgumentException.class, () -> new S3Credentials("key-id", "short"));
    assertEquals(
        "Cannot use S3 credentials: the secret key must have 8 to 128 characters (key key-id has 5)",
        shortSecret.getMessage());
  }

  @Test
  void configDefaultsAndValidation() {
    StorageConfig config = StorageConfig.defaults(Path.of("data"));
    assertEquals(new StorageConfig("127.0.0.1", 9000, "localhost", Path.of("data")), config);
    IllegalArgumentException port =
        assertThrows(IllegalArgumentException.class, () -> config.withPort(70_000));
    assertEquals(
        "Cannot configure storage: the port is outside 0..65535 (70000)", port.getMessage());
    IllegalArgumentException host =
        assertThrows(IllegalArgumentException.class, () -> config.withVirtualHostBase("a/b"));
    assertEquals(
        "Cannot configure storage: the virtual host base is not a host name (a/b)",
        host.getMessage());
  }
}
