package io.dataplatform.api.connector;

import static java.util.Objects.requireNonNull;

/**
 * A column of a stream.
 *
 * @param sourceType the type as the source names it ({@code int8}, {@code varchar(40)}), for the
 *     user and for error messages
 */
public record SourceColumn(String name, DataType type, Nullability nullability, String sourceType) {
  /** Whether a column may hold nulls. */
  public enum Nullability {
    NULLABLE,
    NOT_NULL
  }

  public SourceColumn {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(nullability, "nullability");
    requireNonNull(sourceType, "sourceType");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Cannot create column: the name is empty");
    }
  }

  public static SourceColumn nullable(String name, DataType type, String sourceType) {
    return new SourceColumn(name, type, Nullability.NULLABLE, sourceType);
  }
}
