package io.dataplatform.lakehouse.rest;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A catalog with tables only (no namespaces, no views) whose storage has failed and which refuses
 * drops.
 */
final class BrokenCatalog implements Catalog {
  static final String FAILURE = "Cannot read catalog: metadata database is unreachable";
  static final String REFUSED = "Cannot drop table: tables are protected (raw.t)";

  @Override
  public String name() {
    return "broken";
  }

  @Override
  public List<TableIdentifier> listTables(Namespace namespace) {
    throw new IllegalStateException(FAILURE);
  }

  @Override
  public boolean dropTable(TableIdentifier identifier, boolean purge) {
    throw new DpException(StandardErrorCode.PERMISSION_DENIED, REFUSED);
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    throw new IllegalStateException(FAILURE);
  }

  @Override
  public Table loadTable(TableIdentifier identifier) {
    throw new IllegalStateException(FAILURE);
  }
}
