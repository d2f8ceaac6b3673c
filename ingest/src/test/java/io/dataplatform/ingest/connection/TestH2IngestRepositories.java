package io.dataplatform.ingest.connection;

import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.MetastoreConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class TestH2IngestRepositories extends IngestRepositoriesContract {
  @TempDir static Path directory;
  private static Metastore metastore;

  @BeforeAll
  static void open() {
    metastore = Metastore.open(MetastoreConfig.embedded(directory));
  }

  @AfterAll
  static void close() {
    metastore.close();
  }

  @Override
  protected Metastore metastore() {
    return metastore;
  }
}
