package io.dataplatform.orchestrator;

import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.PostgresServer;

class PostgresRunsIT extends RunsContract {
  @Override
  protected Metastore openMetastore() {
    return Metastore.open(PostgresServer.freshDatabase());
  }
}
