package io.dataplatform.transform.jinja;

import java.util.List;
import java.util.Optional;

/** What templates and materializations need from the database the project runs against. */
public interface SqlRunner {
  /** Runs a statement that returns no rows; returns the update count. */
  long execute(String sql);

  /** Runs a query and returns every row. */
  QueryTable query(String sql);

  /** The relation {@code schema.name} if a table or view of that name exists. */
  Optional<Relation> relation(String schema, String name);

  /** The columns of an existing relation, in order. */
  List<ColumnRelation> columns(String schema, String name);
}
