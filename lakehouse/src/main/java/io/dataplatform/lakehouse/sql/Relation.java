package io.dataplatform.lakehouse.sql;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

/** Something a statement reads that must exist in DuckDB before the statement runs. */
sealed interface Relation {
  /** The DuckDB schema and name the statement refers to. */
  String duckSchema();

  String duckName();

  /**
   * An Iceberg table, at its current snapshot or at {@code snapshotId}.
   *
   * @param tokenIndex index of the reference's first token in the statement, -1 inside a view
   */
  record TableRelation(
      TableIdentifier id, Table table, Long snapshotId, String duckName, int tokenIndex)
      implements Relation {
    @Override
    public String duckSchema() {
      return id.namespace().toString();
    }
  }

  /** An Iceberg view, expanded to a DuckDB view over its own relations. */
  record ViewRelation(TableIdentifier id, String sql) implements Relation {
    @Override
    public String duckSchema() {
      return id.namespace().toString();
    }

    @Override
    public String duckName() {
      return id.name();
    }
  }

  /** A metadata table such as {@code t$snapshots}. */
  record MetadataRelation(TableIdentifier id, Table table, String kind) implements Relation {
    @Override
    public String duckSchema() {
      return id.namespace().toString();
    }

    @Override
    public String duckName() {
      return id.name() + "$" + kind;
    }
  }

  /** The catalog's information schema. */
  record InformationSchema() implements Relation {
    static final String SCHEMA = "__dp_information_schema";

    @Override
    public String duckSchema() {
      return SCHEMA;
    }

    @Override
    public String duckName() {
      return "";
    }
  }
}
