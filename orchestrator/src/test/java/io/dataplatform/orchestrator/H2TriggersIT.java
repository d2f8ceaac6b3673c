package io.dataplatform.orchestrator;

import io.dataplatform.metastore.Metastore;
import io.dataplatform.metastore.MetastoreConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2TriggersIT extends TriggersContract {
  @TempDir Path directory;

  @Override
  protected Metastore openMetastore() {
    return Metastore.open(MetastoreConfig.embedded(directory));
  }
}
