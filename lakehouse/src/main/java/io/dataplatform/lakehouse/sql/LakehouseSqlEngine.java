package io.dataplatform.lakehouse.sql;

import static java.util.Objects.requireNonNull;

import io.dataplatform.api.Cancellation;
import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.iceberg.expressions.Expression;

/**
 * The lakehouse SQL engine: DuckDB-dialect SQL over Iceberg tables. Each statement runs in a
 * sandboxed in-memory DuckDB catalog in which every referenced table is a view over the Parquet
 * files Iceberg planned for it (queries that read the same views share one, see {@link
 * SharedCatalogs}); DDL and DML are carried out as Iceberg catalog operations and commits.
 * Thread-safe.
 */
public final class LakehouseSqlEngine implements SqlService {
  private static final Set<String> REFUSED =
      Set.of(
          "ATTACH",
          "DETACH",
          "INSTALL",
          "LOAD",
          "SET",
          "RESET",
          "PRAGMA",
          "EXPORT",
          "IMPORT",
          "COPY",
          "USE",
          "CHECKPOINT",
          "FORCE",
          "VACUUM",
          "CALL",
          "UPDATE_EXTENSIONS");
  private static final Set<String> QUERIES =
      Set.of(
          "SELECT",
          "WITH",
          "VALUES",
          "FROM",
          "TABLE",
          "EXPLAIN",
          "SUMMARIZE",
          "PIVOT",
          "UNPIVOT",
          "(");
  private final EngineContext context;
  private final Consumer<QueryProfile> recorder;
  private final DdlStatements ddl;
  private final DmlStatements dml;

  /**
   * @param history receives each finished statement's record; called on close of the result
   */
  public LakehouseSqlEngine(
      EngineContext context, Consumer<io.dataplatform.metastore.QueryRecord> history) {
    this.context = requireNonNull(context, "context");
    requireNonNull(history, "history");
    this.recorder = profile -> history.accept(profile.toRecord());
    this.ddl = new DdlStatements(context);
    this.dml = new DmlStatements(context);
  }

  @Override
  public StatementResult execute(SqlSession session, String sql, List<Object> parameters) {
    requireNonNull(session, "session");
    requireNonNull(sql, "sql");
    requireNonNull(parameters, "parameters");
    QueryProfile profile = new QueryProfile(session, sql);
    try {
      session.cancellation().throwIfCanceled("run statement");
      return run(profile, sql, parameters);
    } catch (RuntimeException e) {
      throw failed(profile, session, e);
    }
  }

  @Override
  public Optional<PlannedQuery> plan(SqlSession session, String sql) {
    requireNonNull(session, "session");
    requireNonNull(sql, "sql");
    QueryProfile profile = new QueryProfile(session, sql);
    try {
      session.cancellation().throwIfCanceled("run statement");
      List<SqlToken> tokens = statementTokens(sql);
      String first = tokens.get(0).text().toUpperCase(Locale.ROOT);
      if (REFUSED.contains(first)) {
        throw SqlErrors.permissionDenied(first);
      }
      if (!QUERIES.contains(first) && !(first.equals("DESCRIBE") && !isDescribeTable(tokens))) {
        return Optional.empty();
      }
      return Optional.of(prepare(profile, sql, tokens, List.of()).describe());
    } catch (RuntimeException e) {
      throw failed(profile, session, e);
    }
  }

  /** Records a statement's failure and gives the error to report. */
  private DpException failed(QueryProfile profile, SqlSession session, RuntimeException e) {
    DpException error;
    if (e instanceof DpException dp) {
      error = session.cancellation().canceled() ? canceled(session, dp) : dp;
    } else {
      error =
          new DpException(
              StandardErrorCode.INTERNAL_ERROR, "Cannot run statement: " + e.getMessage(), e);
    }
    profile.failed(error);
    recorder.accept(profile);
    return error;
  }

  /** The error of a statement its session canceled: DuckDB's interrupt says less. */
  private static DpException canceled(SqlSession session, DpException error) {
    if (error.code() == StandardErrorCode.CANCELED) {
      return error;
    }
    return new DpException(
        StandardErrorCode.CANCELED,
        "Cannot run statement: it was canceled ("
            + session.cancellation().reason().orElseThrow()
            + ")",
        error);
  }

  private StatementResult run(QueryProfile profile, String sql, List<Object> parameters) {
    List<SqlToken> tokens = statementTokens(sql);
    String first = tokens.get(0).text().toUpperCase(Locale.ROOT);
    if (REFUSED.contains(first)) {
      throw SqlErrors.permissionDenied(first);
    }
    if (QUERIES.contains(first) || (first.equals("DESCRIBE") && !isDescribeTable(tokens))) {
      return query(profile, sql, tokens, parameters);
    }
    if (first.equals("SHOW") || first.equals("DESCRIBE")) {
      String rewritten = Introspection.rewrite(context, sql, tokens);
      return query(profile, rewritten, SqlTokenizer.tokenize(rewritten), List.of());
    }
    if (!parameters.isEmpty()) {
      throw new DpException(
          StandardErrorCode.NOT_SUPPORTED,
          "Cannot run statement: parameters are supported in queries only (" + first + ")");
    }
    long count;
    switch (first) {
      case "CREATE", "DROP", "ALTER" -> {
        count = ddl.execute(profile, sql, tokens, dml);
      }
      case "INSERT" -> count = dml.insert(profile, sql, tokens);
      case "UPDATE", "DELETE", "MERGE" -> count = dml.copyOnWrite(profile, sql, tokens);
      default -> {
        rejectIfNotParsable(sql);
        throw new DpException(
            StandardErrorCode.NOT_SUPPORTED,
            "Cannot run statement: the lakehouse does not support this statement (" + first + ")",
            SqlErrors.positionOf(sql, tokens.get(0).start()),
            null);
      }
    }
    profile.rows(count);
    return new EngineResult(profile, null, null, null, count, recorder);
  }

  /**
   * Lets DuckDB's parser judge a statement the engine does not recognise, so a typo is reported as
   * the syntax error it is rather than as an unsupported statement. Preparing in an empty sandboxed
   * database runs nothing.
   */
  private void rejectIfNotParsable(String sql) {
    try (DuckSession session = context.duck().session();
        PreparedStatement statement = session.connection().prepareStatement(sql)) {
      statement.getMetaData();
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("Parser Error")) {
        throw SqlErrors.convert(e, sql, sql, offset -> offset);
      }
    }
  }

  private static boolean isDescribeTable(List<SqlToken> tokens) {
    return tokens.size() == 4 && tokens.get(1).isIdentifier() && tokens.get(2).isSymbol(".");
  }

  /** The tokens of a single statement; a trailing semicolon is dropped. */
  private static List<SqlToken> statementTokens(String sql) {
    List<SqlToken> tokens = new ArrayList<>(SqlTokenizer.tokenize(sql));
    while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";")) {
      tokens.remove(tokens.size() - 1);
    }
    if (tokens.isEmpty()) {
      throw new DpException(StandardErrorCode.SQL_ERROR, "Cannot run SQL: the statement is empty");
    }
    for (SqlToken token : tokens) {
      if (token.isSymbol(";")) {
        throw new DpException(
            StandardErrorCode.SQL_ERROR,
            "Cannot run SQL: send one statement at a time",
            SqlErrors.positionOf(sql, token.start()),
            null);
      }
    }
    return tokens;
  }

  private StatementResult query(
      QueryProfile profile, String sql, List<SqlToken> tokens, List<Object> parameters) {
    return prepare(profile, sql, tokens, parameters).execute();
  }

  /** Plans a query, exposes its relations in a DuckDB session and prepares it there. */
  private EngineQuery prepare(
      QueryProfile profile, String sql, List<SqlToken> tokens, List<Object> parameters) {
    RelationBinder.BoundSql bound = new RelationBinder(context).bind(sql, tokens);
    DuckSession session = null;
    PreparedStatement statement = null;
    try {
      session = context.duck().querySession(profile.cancellation());
      bound = ExternalFiles.resolve(bound, session.files(), sql, bound.toOriginal());
      RelationExposer exposer = new RelationExposer(context, session, profile);
      Map<String, Expression> filters =
          PruningFilters.extract(
              session, bound.sql(), bound.relations(), exposer.tablesInViews(bound.relations()));
      exposer.expose(bound, filters, Set.of());
      session.useCatalog(true);
      profile.planningDone();
      statement = session.connection().prepareStatement(bound.sql());
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      SqlSession owner = profile.session();
      return new EngineQuery(
          profile, session, statement, bound, sql, recorder, e -> failed(profile, owner, e));
    } catch (SQLException e) {
      closeQuietly(statement);
      if (session != null) {
        session.close();
      }
      throw SqlErrors.convert(e, bound.sql(), sql, bound.toOriginal());
    } catch (RuntimeException e) {
      closeQuietly(statement);
      if (session != null) {
        session.close();
      }
      throw e;
    }
  }

  private static void closeQuietly(PreparedStatement statement) {
    if (statement != null) {
      try {
        statement.close();
      } catch (SQLException e) {
        // the statement failed already; its error is the one to report
      }
    }
  }

  @Override
  public List<ColumnDescriptor> describe(SqlSession session, String sql) {
    List<SqlToken> tokens = statementTokens(sql);
    String first = tokens.get(0).text().toUpperCase(Locale.ROOT);
    if (REFUSED.contains(first)) {
      throw SqlErrors.permissionDenied(first);
    }
    String text = sql;
    if (first.equals("SHOW") || first.equals("DESCRIBE") && isDescribeTable(tokens)) {
      text = Introspection.rewrite(context, sql, tokens);
    } else if (!QUERIES.contains(first) && !first.equals("DESCRIBE")) {
      return List.of();
    }
    RelationBinder.BoundSql bound =
        new RelationBinder(context).bind(text, SqlTokenizer.tokenize(text));
    QueryProfile profile = new QueryProfile(session, sql);
    try (DuckSession duck = context.duck().querySession(new Cancellation())) {
      bound = ExternalFiles.resolve(bound, duck.files(), text, bound.toOriginal());
      new RelationExposer(context, duck, profile).expose(bound, Map.of(), Set.of());
      duck.useCatalog(true);
      try (PreparedStatement statement = duck.connection().prepareStatement(bound.sql())) {
        return EngineQuery.columnsOf(statement.getMetaData());
      }
    } catch (SQLException e) {
      throw SqlErrors.convert(e, bound.sql(), text, bound.toOriginal());
    }
  }
}
