package io.dataplatform.lakehouse.sql;

import static io.dataplatform.lakehouse.catalog.TypeMapping.quote;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.iceberg.view.SQLViewRepresentation;
import org.apache.iceberg.view.ViewMetadata;

/**
 * Finds the catalog objects a statement names ({@code ns.table}, quoted or not) and rewrites only
 * what DuckDB cannot read as written: time travel clauses and the information schema.
 */
final class RelationBinder {
  private final EngineContext context;
  // a statement that names a table several times (self-joins, subqueries) looks it up once
  private final Map<TableIdentifier, Optional<Table>> tables = new HashMap<>();
  private final Map<TableIdentifier, Optional<ViewMetadata>> views = new HashMap<>();

  RelationBinder(EngineContext context) {
    this.context = context;
  }

  /** A statement with its relations, as DuckDB will run it. */
  record BoundSql(
      String sql, List<Relation> relations, IntUnaryOperator toOriginal, Set<String> namespaces) {}

  BoundSql bind(String sql, List<SqlToken> tokens) {
    Set<String> namespaces = namespaces();
    List<Relation> relations = new ArrayList<>();
    List<TextEdits.Edit> replacements = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i + 2 < tokens.size(); i++) {
      SqlToken first = tokens.get(i);
      if (!first.isIdentifier()
          || !tokens.get(i + 1).isSymbol(".")
          || !tokens.get(i + 2).isIdentifier()
          || (i > 0 && tokens.get(i - 1).isSymbol("."))
          || (i + 3 < tokens.size()
              && (tokens.get(i + 3).isSymbol(".") || tokens.get(i + 3).isSymbol("(")))) {
        continue;
      }
      String namespace = first.identifier().toLowerCase(java.util.Locale.ROOT);
      String name = tokens.get(i + 2).identifier().toLowerCase(java.util.Locale.ROOT);
      if (namespace.equals("information_schema")) {
        relations.add(new Relation.InformationSchema());
        replacements.add(
            new TextEdits.Edit(
                first.start(), first.end(), quote(Relation.InformationSchema.SCHEMA)));
        continue;
      }
      if (!namespaces.contains(namespace)) {
        continue;
      }
      seen.add(namespace);
      bindReference(tokens, i, TableIdentifier.of(namespace, name), relations, replacements);
    }
    return rewrite(sql, relations, replacements, seen);
  }

  private void bindReference(
      List<SqlToken> tokens,
      int index,
      TableIdentifier id,
      List<Relation> relations,
      List<TextEdits.Edit> replacements) {
    Optional<Table> table = tables.computeIfAbsent(id, key -> context.tables().load(key));
    if (table.isPresent()) {
      int clauseEnd = timeTravelEnd(tokens, index + 3);
      if (clauseEnd < 0) {
        relations.add(new Relation.TableRelation(id, table.get(), null, id.name(), index));
        return;
      }
      long snapshotId = snapshotAsOf(table.get(), tokens, index + 3);
      String duckName = id.name() + "@" + snapshotId;
      relations.add(new Relation.TableRelation(id, table.get(), snapshotId, duckName, index));
      replacements.add(
          new TextEdits.Edit(
              tokens.get(index).start(),
              tokens.get(clauseEnd).end(),
              quote(id.namespace().toString()) + "." + quote(duckName)));
      return;
    }
    Optional<ViewMetadata> view = views.computeIfAbsent(id, key -> context.tables().loadView(key));
    if (view.isPresent()) {
      String viewSql =
          view.get().currentVersion().representations().stream()
              .filter(
                  r ->
                      r instanceof SQLViewRepresentation sqlView
                          && sqlView.dialect().equalsIgnoreCase("duckdb"))
              .map(r -> ((SQLViewRepresentation) r).sql())
              .findFirst()
              .orElseThrow(
                  () ->
                      new DpException(
                          StandardErrorCode.NOT_SUPPORTED,
                          "Cannot read view: it has no duckdb SQL representation (" + id + ")"));
      relations.add(new Relation.ViewRelation(id, viewSql));
      return;
    }
    int dollar = id.name().lastIndexOf('$');
    if (dollar > 0 && MetadataTables.KINDS.contains(id.name().substring(dollar + 1))) {
      TableIdentifier base = TableIdentifier.of(id.namespace(), id.name().substring(0, dollar));
      context
          .tables()
          .load(base)
          .ifPresent(
              baseTable ->
                  relations.add(
                      new Relation.MetadataRelation(
                          base, baseTable, id.name().substring(dollar + 1))));
    }
  }

  /** The index of the time travel clause's last token, or -1 when there is none. */
  private static int timeTravelEnd(List<SqlToken> tokens, int start) {
    if (start + 4 >= tokens.size()) {
      return -1;
    }
    boolean matches =
        tokens.get(start).isWord("FOR")
            && (tokens.get(start + 1).isWord("VERSION")
                || tokens.get(start + 1).isWord("SYSTEM_VERSION")
                || tokens.get(start + 1).isWord("TIMESTAMP")
                || tokens.get(start + 1).isWord("SYSTEM_TIME"))
            && tokens.get(start + 2).isWord("AS")
            && tokens.get(start + 3).isWord("OF");
    if (!matches) {
      return -1;
    }
    return typedLiteral(tokens, start + 4) ? start + 5 : start + 4;
  }

  /** Whether the value is written as {@code TIMESTAMP '...'} or {@code DATE '...'}. */
  private static boolean typedLiteral(List<SqlToken> tokens, int index) {
    return index + 1 < tokens.size()
        && (tokens.get(index).isWord("TIMESTAMP") || tokens.get(index).isWord("DATE"))
        && tokens.get(index + 1).kind() == SqlToken.Kind.STRING;
  }

  private static long snapshotAsOf(Table table, List<SqlToken> tokens, int start) {
    SqlToken kind = tokens.get(start + 1);
    SqlToken value = tokens.get(typedLiteral(tokens, start + 4) ? start + 5 : start + 4);
    boolean byVersion = kind.isWord("VERSION") || kind.isWord("SYSTEM_VERSION");
    try {
      if (byVersion) {
        long snapshotId =
            Long.parseLong(
                value.kind() == SqlToken.Kind.STRING ? value.stringValue() : value.text());
        if (table.snapshot(snapshotId) == null) {
          throw new DpException(
              StandardErrorCode.NOT_FOUND,
              "Cannot time travel: no such snapshot (" + table.name() + ", " + snapshotId + ")");
        }
        return snapshotId;
      }
      long millis =
          parseTimestamp(value.kind() == SqlToken.Kind.STRING ? value.stringValue() : value.text());
      return SnapshotUtil.snapshotIdAsOfTime(table, millis);
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new DpException(
          StandardErrorCode.SQL_ERROR,
          "Cannot time travel: expected FOR VERSION AS OF <snapshot id> or FOR TIMESTAMP AS OF"
              + " '<yyyy-mm-dd hh:mm:ss>' ("
              + value.text()
              + ")",
          e);
    } catch (IllegalArgumentException e) {
      throw new DpException(
          StandardErrorCode.NOT_FOUND,
          "Cannot time travel: the table has no snapshot at or before that time ("
              + table.name()
              + ", "
              + value.text()
              + ")");
    }
  }

  private static long parseTimestamp(String text) {
    String value = text.trim().replace(' ', 'T');
    if (value.length() == 10) {
      return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    }
    Instant instant = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    return instant.toEpochMilli();
  }

  private Set<String> namespaces() {
    Set<String> names = new HashSet<>();
    for (Namespace namespace : context.catalog().listNamespaces()) {
      names.add(namespace.toString());
    }
    return names;
  }

  private static BoundSql rewrite(
      String sql, List<Relation> relations, List<TextEdits.Edit> replacements, Set<String> seen) {
    TextEdits.Edited edited = TextEdits.apply(sql, replacements);
    return new BoundSql(edited.text(), relations, edited.toOriginal(), seen);
  }
}
