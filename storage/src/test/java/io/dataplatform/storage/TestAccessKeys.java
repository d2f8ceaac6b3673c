package io.dataplatform.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestAccessKeys {
  private static final byte[] KEY = new byte[32];
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path root;

  @Test
  void configuredRootIsUsedAndNotStored() {
    var configured = new S3Credentials("operator-key", "operator-secret");
    AccessKeys keys = AccessKeys.open(root, KEY, Optional.of(configured), CLOCK);
    assertEquals(new RootCredentials(configured, RootCredentials.Origin.CONFIGURED), keys.root());
    assertEquals(Optional.of("operator-secret"), keys.secretFor("operator-key"));
    assertFalse(Files.exists(root.resolve(AccessKeys.FILE_NAME)));
  }

  @Test
  void createdKeysAreListedWithoutSecretsAndFoundAfterReopening() throws Exception {
    AccessKeys keys = AccessKeys.open(root, KEY, Optional.empty(), CLOCK);
    S3Credentials created = keys.create("  nightly export ");
    assertEquals(
        List.of(new AccessKey(created.accessKeyId(), "nightly export", CLOCK.instant())),
        keys.list());
    assertFalse(Files.readString(root.resolve(AccessKeys.FILE_NAME)).contains(created.secretKey()));

    AccessKeys reopened = AccessKeys.open(root, KEY, Optional.empty(), CLOCK);
    assertEquals(RootCredentials.Origin.STORED, reopened.root().origin());
    assertEquals(keys.root().credentials(), reopened.root().credentials());
    assertEquals(Optional.of(created.secretKey()), reopened.secretFor(created.accessKeyId()));
  }

  @Test
  void revokedKeyIsUnknownAtOnceAndAfterReopening() {
    AccessKeys keys = AccessKeys.open(root, KEY, Optional.empty(), CLOCK);
    S3Credentials created = keys.create("temporary");
    keys.revoke(created.accessKeyId());
    assertEquals(Optional.empty(), keys.secretFor(created.accessKeyId()));
    assertEquals(List.of(), AccessKeys.open(root, KEY, Optional.empty(), CLOCK).list());

    DpException unknown = assertThrows(DpException.class, () -> keys.revoke("NOPE"));
    assertEquals(StorageErrorCode.ACCESS_KEY_NOT_FOUND, unknown.code());
    assertEquals("Cannot revoke access key: no such key (NOPE)", unknown.getMessage());
    String rootId = keys.root().credentials().accessKeyId();
    DpException rootKey = assertThrows(DpException.class, () -> keys.revoke(rootId));
    assertTrue(rootKey.getMessage().startsWith("Cannot revoke access key: it is the root key"));
  }

  @Test
  void anotherStorageKeyCannotOpenTheSecrets() {
    AccessKeys.open(root, KEY, Optional.empty(), CLOCK).create("x");
    byte[] other = Arrays.copyOf(KEY, 32);
    other[0] = 1;
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> AccessKeys.open(root, other, Optional.empty(), CLOCK));
    assertTrue(
        error.getMessage().endsWith("wrong storage key or damaged key file"), error.getMessage());
  }

  @Test
  void storageKeyMustHave32Bytes() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> AccessKeys.open(root, new byte[16], Optional.empty(), CLOCK));
    assertEquals(
        "Cannot encrypt access keys: the key must be 32 bytes (got 16)", error.getMessage());
  }
}
