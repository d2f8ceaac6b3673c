package io.dataplatform.ingest.source.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** Quotes identifiers the way the source's driver says. */
public record SqlNames(String quote) {
  public SqlNames {
    requireNonNull(quote, "quote");
  }

  public static SqlNames of(DatabaseMetaData metadata) throws SQLException {
    String quote = metadata.getIdentifierQuoteString();
    return new SqlNames(quote == null || quote.isBlank() ? "\"" : quote.trim());
  }

  /** The identifier quoted, with embedded quote characters doubled. */
  public String quote(String identifier) {
    return quote + identifier.replace(quote, quote + quote) + quote;
  }

  /** {@code "schema"."table"}, or {@code `db`.`table`} where namespaces are catalogs. */
  public String qualified(TableRef table) {
    String namespace = table.namespace();
    return namespace.isEmpty() ? quote(table.name()) : quote(namespace) + "." + quote(table.name());
  }
}
