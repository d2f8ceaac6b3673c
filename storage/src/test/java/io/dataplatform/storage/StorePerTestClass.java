package io.dataplatform.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One store, started before the first test of a class and stopped after its last, and a path-style
 * client signing with the root pair; a subclass's own {@code @BeforeAll} methods run once it is up.
 */
abstract class StorePerTestClass {
  @TempDir static Path root;
  static StorageFixture fixture;
  static S3Client s3;

  @BeforeAll
  static void startStore() {
    fixture = StorageFixture.start(root);
    s3 = fixture.client();
  }

  @AfterAll
  static void stopStore() throws Exception {
    fixture.close();
  }
}
