package io.dataplatform.server;

import static java.util.Objects.requireNonNull;

import io.dataplatform.lakehouse.sql.ColumnDescriptor;
import io.dataplatform.lakehouse.sql.PlannedQuery;
import io.dataplatform.lakehouse.sql.SqlService;
import io.dataplatform.lakehouse.sql.SqlSession;
import io.dataplatform.lakehouse.sql.StatementResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link SqlService} that becomes usable once the lakehouse has opened, so a listener can start
 * while the metastore and catalog are still opening. A call made before then waits for it.
 */
final class DeferredSqlService implements SqlService {
  private final CompletableFuture<SqlService> ready;

  DeferredSqlService(CompletableFuture<SqlService> ready) {
    this.ready = requireNonNull(ready, "ready");
  }

  @Override
  public StatementResult execute(SqlSession session, String sql, List<Object> parameters) {
    return ready.join().execute(session, sql, parameters);
  }

  @Override
  public List<ColumnDescriptor> describe(SqlSession session, String sql) {
    return ready.join().describe(session, sql);
  }

  @Override
  public Optional<PlannedQuery> plan(SqlSession session, String sql) {
    return ready.join().plan(session, sql);
  }
}
