package io.dataplatform.metastore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresMetastoreRepositoriesIT extends MetastoreRepositoriesContract {
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
