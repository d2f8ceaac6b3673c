/**
 * The Arrow Flight SQL endpoint of the lakehouse.
 *
 * <p>{@link io.dataplatform.lakehouse.flight.FlightSqlEndpoint} serves Flight SQL (default port
 * 32010) over a {@link io.dataplatform.lakehouse.sql.SqlService}: statement queries and updates,
 * prepared statements with parameters, and the catalog calls JDBC/ODBC drivers and BI tools make
 * (catalogs, schemas, tables with their Arrow schemas, table types, SQL info, type info; keys are
 * always empty). Catalog answers come from {@code information_schema}. Query rows travel as the
 * DuckDB result's own Arrow export, batch by batch, with backpressure; a client that goes away
 * mid-stream leaves the statement recorded as failed.
 *
 * <p>Every call is authenticated through {@link
 * io.dataplatform.lakehouse.flight.FlightCredentials}: {@code Basic} user and password (answered
 * with a bearer token that stays valid while used), or a {@code Bearer} API token.
 */
package io.dataplatform.lakehouse.flight;
