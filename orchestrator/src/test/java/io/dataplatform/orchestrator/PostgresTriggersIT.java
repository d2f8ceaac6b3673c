package io.dataplatform.orchestrator;

import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.PostgresServer;

class PostgresTriggersIT extends TriggersContract {
  @Override
  protected Metastore openMetastore() {
    return Metastore.open(PostgresServer.freshDatabase());
  }
}
