package io.dataplatform.ingest.source.jdbc;

import static java.util.Objects.requireNonNull;

/**
 * A column as {@link java.sql.DatabaseMetaData#getColumns} describes it.
 *
 * @param jdbcType {@code DATA_TYPE}, a {@link java.sql.Types} code
 * @param typeName {@code TYPE_NAME}, the source's own name ({@code int4}, {@code VARCHAR})
 * @param size {@code COLUMN_SIZE}: precision of numbers, length of strings
 * @param digits {@code DECIMAL_DIGITS}: scale of decimals
 */
public record ColumnMetadata(
    String name, int jdbcType, String typeName, int size, int digits, boolean nullable) {
  public ColumnMetadata {
    requireNonNull(name, "name");
    requireNonNull(typeName, "typeName");
  }
}
