package io.dataplatform.lakehouse.sql;

import static io.dataplatform.lakehouse.catalog.TypeMapping.literal;

import io.dataplatform.api.DpException;
import io.dataplatform.api.SourcePosition;
import io.dataplatform.lakehouse.io.ObjectVersion;
import io.dataplatform.lakehouse.io.StatementFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * Replaces the {@code s3://} file arguments of DuckDB's file-reading functions by the local copies
 * of the objects they name, fetched for the statement, since DuckDB itself reads local files in its
 * sandbox only. A glob becomes the list of its matches.
 */
final class ExternalFiles {
  private static final String SCHEME = "s3://";

  private ExternalFiles() {}

  /**
   * The statement with its S3 file arguments replaced.
   *
   * @param originalSql the user's text, for error positions
   * @param toOriginal maps an offset in {@code bound.sql()} to one in {@code originalSql}
   * @return a statement whose {@code toOriginal} maps to the same text as {@code bound}'s does
   */
  static RelationBinder.BoundSql resolve(
      RelationBinder.BoundSql bound,
      StatementFiles files,
      String originalSql,
      IntUnaryOperator toOriginal) {
    return resolve(
        bound, files, offset -> SqlErrors.positionOf(originalSql, toOriginal.applyAsInt(offset)));
  }

  /**
   * The SQL of a stored view with its S3 file arguments replaced; errors name no position, since
   * the user's statement does not hold the view's text.
   */
  static RelationBinder.BoundSql resolveInView(
      RelationBinder.BoundSql bound, StatementFiles files) {
    return resolve(bound, files, offset -> null);
  }

  private static RelationBinder.BoundSql resolve(
      RelationBinder.BoundSql bound, StatementFiles files, IntFunction<SourcePosition> positions) {
    List<FileArguments.FileLiteral> literals =
        FileArguments.find(SqlTokenizer.tokenize(bound.sql())).stream()
            .filter(literal -> isS3(literal.value()))
            .toList();
    if (literals.isEmpty()) {
      return bound;
    }
    Map<String, List<ObjectVersion>> found = new LinkedHashMap<>();
    for (FileArguments.FileLiteral literal : literals) {
      if (!found.containsKey(literal.value())) {
        try {
          found.put(literal.value(), files.findObjects(literal.value()));
        } catch (DpException e) {
          throw located(e, positions.apply(literal.literal().start()));
        }
      }
    }
    List<ObjectVersion> objects =
        new ArrayList<>(
            found.values().stream()
                .flatMap(List::stream)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    List<String> paths;
    try {
      paths = files.readableObjects(objects);
    } catch (DpException e) {
      throw located(e, positions.apply(literals.get(0).literal().start()));
    }
    Map<ObjectVersion, String> local = new HashMap<>();
    for (int i = 0; i < objects.size(); i++) {
      local.put(objects.get(i), paths.get(i));
    }
    List<TextEdits.Edit> edits = new ArrayList<>();
    for (FileArguments.FileLiteral literal : literals) {
      List<String> quoted =
          found.get(literal.value()).stream().map(object -> literal(local.get(object))).toList();
      String text =
          literal.inList() || quoted.size() == 1
              ? String.join(", ", quoted)
              : "[" + String.join(", ", quoted) + "]";
      edits.add(new TextEdits.Edit(literal.literal().start(), literal.literal().end(), text));
    }
    TextEdits.Edited edited = TextEdits.apply(bound.sql(), edits);
    IntUnaryOperator boundOriginal = bound.toOriginal();
    IntUnaryOperator editedOriginal = edited.toOriginal();
    return new RelationBinder.BoundSql(
        edited.text(),
        bound.relations(),
        offset -> boundOriginal.applyAsInt(editedOriginal.applyAsInt(offset)),
        bound.namespaces());
  }

  private static boolean isS3(String value) {
    return value.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
  }

  private static DpException located(DpException error, SourcePosition position) {
    if (position == null || error.position().isPresent()) {
      return error;
    }
    return new DpException(error.code(), error.getMessage(), position, error.getCause());
  }
}
