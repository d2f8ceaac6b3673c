package io.dataplatform.transform;

import io.dataplatform.transform.jinja.ColumnRelation;
import io.dataplatform.transform.jinja.QueryTable;
import io.dataplatform.transform.jinja.Relation;
import io.dataplatform.transform.jinja.SqlRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Records statements and answers every query with one row holding the value 42. */
final class FakeSqlRunner implements SqlRunner {
  final List<String> statements = new ArrayList<>();

  @Override
  public long execute(String sql) {
    statements.add(sql);
    return 0;
  }

  @Override
  public QueryTable query(String sql) {
    statements.add(sql);
    return new QueryTable(List.of("answer"), List.of(List.of(42)));
  }

  @Override
  public Optional<Relation> relation(String schema, String name) {
    return Optional.empty();
  }

  @Override
  public List<ColumnRelation> columns(String schema, String name) {
    return List.of(new ColumnRelation("id", "INTEGER"), new ColumnRelation("name", "VARCHAR"));
  }
}
