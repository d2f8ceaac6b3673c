package io.dataplatform.lakehouse.load;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.api.TableId;
import io.dataplatform.api.connector.SourceColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The columns a table must have once the staged rows are committed: its columns when the load
 * started, plus columns the source added, with types widened where the source widened them.
 */
final class TargetSchema {
  /** What the staging table must do to follow a change. */
  sealed interface Change {}

  record Added(Types.NestedField field) implements Change {}

  record Widened(String column, Type type) implements Change {}

  private final TableId table;
  private final Map<String, Types.NestedField> columns = new LinkedHashMap<>();
  private int nextId = -1;

  TargetSchema(TableId table, Schema schema) {
    this.table = table;
    for (Types.NestedField field : schema.columns()) {
      columns.put(key(field.name()), field);
    }
  }

  private TargetSchema(TargetSchema other) {
    this.table = other.table;
    this.columns.putAll(other.columns);
    this.nextId = other.nextId;
  }

  /** A copy that later {@link #accept} calls on either side leave unchanged. */
  TargetSchema copy() {
    return new TargetSchema(this);
  }

  /** The Iceberg schema of a new table with these columns. */
  static Schema create(List<SourceColumn> sourceColumns) {
    List<Types.NestedField> fields = new ArrayList<>();
    int id = 1;
    for (SourceColumn column : sourceColumns) {
      fields.add(
          Types.NestedField.optional(id++, column.name(), LoadTypes.icebergType(column.type())));
    }
    return new Schema(fields);
  }

  List<Types.NestedField> fields() {
    return List.copyOf(columns.values());
  }

  /** The field of a column accepted so far, by name in any case; null when there is none. */
  Types.NestedField field(String column) {
    return columns.get(key(column));
  }

  /**
   * Accepts the columns of a batch, returning the changes they make.
   *
   * @throws DpException when a column's type changed in a way the table cannot follow; nothing is
   *     changed then
   */
  List<Change> accept(List<SourceColumn> incoming) {
    List<Change> changes = new ArrayList<>();
    for (SourceColumn column : incoming) {
      Type type = LoadTypes.icebergType(column.type());
      Types.NestedField current = columns.get(key(column.name()));
      if (current == null) {
        changes.add(new Added(Types.NestedField.optional(nextId--, column.name(), type)));
      } else if (!LoadTypes.holds(current.type(), type)) {
        if (!LoadTypes.isPromotion(current.type(), type)) {
          throw incompatible(current, type, column.sourceType());
        }
        changes.add(new Widened(current.name(), type));
      }
    }
    for (Change change : changes) {
      if (change instanceof Added added) {
        columns.put(key(added.field().name()), added.field());
      } else if (change instanceof Widened widened) {
        Types.NestedField field = columns.get(key(widened.column()));
        columns.put(
            key(widened.column()),
            Types.NestedField.optional(field.fieldId(), field.name(), widened.type()));
      }
    }
    return changes;
  }

  /** Whether the table's current schema lacks a column or a widening. */
  boolean differs(Schema current) {
    for (Types.NestedField field : columns.values()) {
      Types.NestedField existing = current.caseInsensitiveFindField(field.name());
      if (existing == null || !existing.type().equals(field.type())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds to {@code update} what the table's current schema lacks.
   *
   * @return whether anything changed
   */
  boolean apply(Schema current, UpdateSchema update) {
    boolean changed = false;
    for (Types.NestedField field : columns.values()) {
      Types.NestedField existing = current.caseInsensitiveFindField(field.name());
      if (existing == null) {
        update.addColumn(field.name(), field.type());
        changed = true;
      } else if (!LoadTypes.holds(existing.type(), field.type())) {
        if (!LoadTypes.isPromotion(existing.type(), field.type())) {
          throw incompatible(existing, field.type(), field.type().toString());
        }
        update.updateColumn(existing.name(), field.type().asPrimitiveType());
        changed = true;
      }
    }
    return changed;
  }

  private DpException incompatible(Types.NestedField current, Type type, String sourceType) {
    return new DpException(
        StandardErrorCode.CONFLICT,
        "Cannot load into "
            + table
            + ": column "
            + current.name()
            + " changed type at the source from "
            + current.type()
            + " to "
            + type
            + " ("
            + sourceType
            + "), which the table cannot hold; the table is left unchanged. Rename or drop the"
            + " table, or cast the column at the source");
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
