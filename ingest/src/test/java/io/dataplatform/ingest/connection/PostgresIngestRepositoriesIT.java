package io.dataplatform.ingest.connection;

import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresIngestRepositoriesIT extends IngestRepositoriesContract {
  private static Metastore metastore;

  @BeforeAll
  static void open() {
    metastore = Metastore.open(PostgresServer.freshDatabase());
  }

  @AfterAll
  static void close() {
    if (metastore != null) {
      metastore.close();
    }
  }

  @Override
  protected Metastore metastore() {
    return metastore;
  }
}
